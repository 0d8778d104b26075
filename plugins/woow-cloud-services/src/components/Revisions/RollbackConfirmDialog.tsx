import { useState } from 'react';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  CloudService,
  Revision,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { formatTimestamp } from '../../lib/format';
import { isConflict } from '../../lib/errors';
import { submitErrorMessage } from '../shared/submitError';
import { DialogButtons } from '../shared/DialogButtons';

export interface RollbackConfirmDialogProps {
  service: CloudService;
  revision: Revision;
  onClose: () => void;
  /** The rollback was accepted (or the service changed meanwhile): reload. */
  onDone: () => void;
}

/** F4.3: the confirmation before `helm rollback`. */
export function RollbackConfirmDialog(props: RollbackConfirmDialogProps) {
  const { service, revision } = props;
  const api = useCloudServicesApi();
  const [error, setError] = useState<string>();
  const [working, setWorking] = useState(false);

  const confirm = async () => {
    setWorking(true);
    setError(undefined);
    try {
      await api.rollbackService(service.workspaceId, service.id, {
        revision: revision.revision,
        version: service.version,
      });
      props.onDone();
    } catch (e) {
      setError(submitErrorMessage(e));
      setWorking(false);
      if (isConflict(e)) props.onDone();
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="rollback-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="rollback-title">
        Roll back to revision {revision.revision}?
      </DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        <Typography paragraph>
          Helm restores the chart and values of revision {revision.revision} (
          {revision.chart}, deployed {formatTimestamp(revision.updated)}) as a
          new revision of {service.name}. Changes made since then are undone;
          data volumes are not touched.
        </Typography>
      </DialogContent>
      <DialogButtons
        label="Roll back"
        busyLabel="Rolling back…"
        busy={working}
        onConfirm={confirm}
        onCancel={props.onClose}
      />
    </Dialog>
  );
}
