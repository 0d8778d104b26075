import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  allSpecs,
  type CloudService,
  type ValueSpecs,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { displayValue } from './valueChanges';

/** The current values, read-only; passwords only say whether they are set. */
export function HelmValuesView(props: {
  service: CloudService;
  specs?: ValueSpecs;
}) {
  const { service, specs } = props;
  const rows = specs
    ? allSpecs(specs).map(s => ({ key: s.key, label: s.label }))
    : Object.keys(service.helmValues).map(key => ({ key, label: key }));
  return (
    <Table size="small" aria-label="Helm values">
      <TableHead>
        <TableRow>
          <TableCell>Value</TableCell>
          <TableCell>Key</TableCell>
          <TableCell>Current</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.key}>
            <TableCell>{row.label}</TableCell>
            <TableCell>
              <code>{row.key}</code>
            </TableCell>
            <TableCell>{displayValue(service.helmValues[row.key])}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
