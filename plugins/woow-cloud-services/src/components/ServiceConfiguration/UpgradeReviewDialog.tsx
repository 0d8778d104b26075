import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { UpgradePreview } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { DialogButtons } from '../shared/DialogButtons';
import { ClusterRefusals } from './ClusterRefusals';

export interface UpgradeReviewDialogProps {
  preview: UpgradePreview;
  /** Keys whose values must not be shown (passwords). */
  secretKeys: ReadonlySet<string>;
  labels: Record<string, string>;
  chartVersion?: string;
  confirming: boolean;
  error?: string;
  onCancel: () => void;
  onConfirm: () => void;
}

function show(key: string, value: unknown, secrets: ReadonlySet<string>) {
  if (value === undefined || value === null) return '—';
  if (secrets.has(key)) return '••••••••';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function lineColor(line: string) {
  if (line.startsWith('+') && !line.startsWith('+++')) return '#1b5e20';
  if (line.startsWith('-') && !line.startsWith('---')) return '#b71c1c';
  return undefined;
}

/** "Review changes": the value diff and the rendered-manifest diff before `helm upgrade`. */
export function UpgradeReviewDialog(props: UpgradeReviewDialogProps) {
  const { preview, secretKeys } = props;
  const refused = preview.refusals.length > 0;
  return (
    <Dialog
      open
      onClose={props.onCancel}
      aria-labelledby="upgrade-review-title"
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id="upgrade-review-title">Review changes</DialogTitle>
      <DialogContent>
        {props.error && (
          <Alert severity="error" role="alert">
            {props.error}
          </Alert>
        )}
        <ClusterRefusals refusals={preview.refusals} />
        {props.chartVersion && (
          <Typography paragraph>
            Chart version will change to {props.chartVersion}.
          </Typography>
        )}
        {preview.droppedValues.length > 0 && (
          <Alert severity="warning">
            The new chart version no longer has these values; they will be
            dropped: {preview.droppedValues.join(', ')}
          </Alert>
        )}
        <Typography variant="h6" component="h3">
          Values
        </Typography>
        {preview.values.length === 0 ? (
          <Typography color="textSecondary">No value changes.</Typography>
        ) : (
          <Table size="small" aria-label="Value changes">
            <TableHead>
              <TableRow>
                <TableCell>Value</TableCell>
                <TableCell>Change</TableCell>
                <TableCell>From</TableCell>
                <TableCell>To</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {preview.values.map(v => (
                <TableRow key={v.key}>
                  <TableCell>{props.labels[v.key] ?? v.key}</TableCell>
                  <TableCell>{v.change}</TableCell>
                  <TableCell>{show(v.key, v.from, secretKeys)}</TableCell>
                  <TableCell>{show(v.key, v.to, secretKeys)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
          Manifest changes
        </Typography>
        {preview.manifestDiff.trim() === '' ? (
          <Typography color="textSecondary">
            The rendered manifests do not change.
          </Typography>
        ) : (
          <Box
            component="pre"
            aria-label="Manifest diff"
            // A long diff scrolls: keyboard users reach it to scroll it too.
            role="region"
            tabIndex={0}
            p={1}
            bgcolor="action.hover"
            style={{ overflowX: 'auto', maxHeight: 320, fontSize: 12 }}
          >
            {preview.manifestDiff.split('\n').map((line, i) => (
              <div key={i} style={{ color: lineColor(line) }}>
                {line}
              </div>
            ))}
          </Box>
        )}
        {!refused && (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 8 }}
          >
            Confirming runs helm upgrade and creates a new revision; you can
            roll back to the current one afterwards.
          </Typography>
        )}
      </DialogContent>
      <DialogButtons
        label="Confirm upgrade"
        busyLabel="Upgrading…"
        busy={props.confirming}
        // The API server would refuse it: confirming would only fail.
        disabled={refused}
        onConfirm={props.onConfirm}
        onCancel={props.onCancel}
        cancelLabel="Back to editing"
      />
    </Dialog>
  );
}
