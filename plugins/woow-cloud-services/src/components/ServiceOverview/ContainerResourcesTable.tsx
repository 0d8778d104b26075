import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { PodStatus } from '@woowtech/backstage-plugin-woow-cloud-services-common';

function listText(list: Record<string, string>): string {
  const entries = Object.entries(list);
  return entries.length
    ? entries.map(([name, quantity]) => `${name} ${quantity}`).join(', ')
    : 'none';
}

interface ContainerRow {
  workload: string;
  container: string;
  pods: number;
  requests: string;
  limits: string;
}

/**
 * Containers of the running pods with their requests and limits; replicas
 * with the same values are one row ("2 pods").
 */
export function containerRows(pods: PodStatus[]): ContainerRow[] {
  const rows = new Map<string, ContainerRow>();
  for (const pod of pods) {
    for (const c of pod.containers.filter(container => !container.init)) {
      const requests = listText(c.requests);
      const limits = listText(c.limits);
      const id = [pod.workload, c.name, requests, limits].join('\u0000');
      const row = rows.get(id);
      if (row) row.pods += 1;
      else {
        rows.set(id, {
          workload: pod.workload,
          container: c.name,
          pods: 1,
          requests,
          limits,
        });
      }
    }
  }
  return [...rows.values()];
}

/** Requests and limits per container, as the running pods have them. */
export function ContainerResourcesTable(props: { pods: PodStatus[] }) {
  const rows = containerRows(props.pods);
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No running pods to read requests and limits from.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Container requests and limits">
      <TableHead>
        <TableRow>
          <TableCell>Container</TableCell>
          <TableCell>Requests</TableCell>
          <TableCell>Limits</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={`${row.workload}/${row.container}/${row.requests}`}>
            <TableCell>
              {row.container}
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                {row.workload}
                {row.pods > 1 ? `, ${row.pods} pods` : ''}
              </Typography>
            </TableCell>
            <TableCell>{row.requests}</TableCell>
            <TableCell>{row.limits}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
