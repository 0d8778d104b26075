import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  TRANSITIONAL_STATES,
  type CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { STATE_LABELS } from './StatusBadge';

const WORK_IN_PROGRESS: Partial<Record<CloudService['state'], string>> = {
  pending: 'The deployment is queued and will start shortly.',
  deploying:
    'Helm is installing the application. Initial setup may take up to 5 minutes.',
  upgrading: 'Helm is applying your changes as a new revision.',
  rolling_back: 'Helm is restoring an earlier revision.',
  restoring:
    'A backup is being written back into the volumes; the app is stopped until it finishes.',
  deleting: 'Helm is uninstalling the release and removing its Ingress.',
};

/**
 * Says, in words, what a service is doing and what to do about an error,
 * so nobody has to guess whether a deploy worked.
 */
export function ServiceStateNotice(props: { service: CloudService }) {
  const { service } = props;
  if (service.state === 'error') {
    return (
      <Alert severity="error" role="alert">
        <AlertTitle>The service is in an error state</AlertTitle>
        {service.errorMessage || 'The last operation failed without details.'}
        <br />
        What you can do: check the values on the Configuration tab and apply
        them again, roll back to a revision that worked, or delete the service
        and launch it again. The Activity tab shows what happened.
      </Alert>
    );
  }
  if (TRANSITIONAL_STATES.has(service.state)) {
    return (
      <Alert severity="info">
        <AlertTitle>{STATE_LABELS[service.state]}…</AlertTitle>
        {WORK_IN_PROGRESS[service.state]}
        {service.statusDetail ? ` Now: ${service.statusDetail}.` : ''} This page
        refreshes every 3 seconds until the service settles.
      </Alert>
    );
  }
  return null;
}
