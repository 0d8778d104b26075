import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { ClusterRefusal } from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * What the cluster would refuse in an upgrade (the API server's dry run), in
 * words: which object, which fields, and the API server's own message.
 */
export function ClusterRefusals(props: { refusals: ClusterRefusal[] }) {
  if (props.refusals.length === 0) return null;
  return (
    <Alert
      severity="error"
      role="alert"
      aria-label="Refused by the cluster"
      style={{ marginBottom: 16 }}
    >
      <AlertTitle>The cluster would refuse this change</AlertTitle>
      {props.refusals.map(r => (
        <div key={`${r.kind}/${r.name}`}>
          <Typography variant="body2">
            <strong>
              {r.kind} {r.name}
            </strong>
            {r.fields.length > 0 && <> cannot change {r.fields.join(', ')}</>}
          </Typography>
          <Typography variant="body2" component="p" paragraph>
            Kubernetes says: {r.message}
          </Typography>
        </div>
      ))}
      <Typography variant="body2">
        Nothing was changed. Undo this change to keep the service as it is; to
        use a different value, launch a new service with it.
      </Typography>
    </Alert>
  );
}
