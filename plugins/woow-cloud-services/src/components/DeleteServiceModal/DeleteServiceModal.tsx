import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { CloudService } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useBackupsClient } from '../../api/BackupsClient';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { submitErrorMessage } from '../shared/submitError';
import { DialogButtons } from '../shared/DialogButtons';
import { FormDialog } from '../shared/FormDialog';
import { dataChoiceOf, forcedDeleteData } from './dataChoice';
import { DataVolumesChoice } from './DataVolumesChoice';

export interface DeleteServiceModalProps {
  open: boolean;
  service: CloudService;
  onClose: () => void;
  /** Called once the backend accepted the delete. */
  onDeleted: () => void;
}

/**
 * F4.2: typed confirmation, and the truth about the data: "keep data" is
 * offered only when the volumes survive uninstall.
 */
export function DeleteServiceModal(props: DeleteServiceModalProps) {
  const { service } = props;
  const api = useCloudServicesApi();
  const [typed, setTyped] = useState('');
  // Keeping data is the default: deleting volumes cannot be undone.
  const [data, setData] = useState<'keep' | 'delete'>('keep');
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  // What uninstalling really does to the volumes decides what is offered.
  const volumes = useAsync(
    () => api.getServiceVolumes(service.workspaceId, service.id),
    [api, service.workspaceId, service.id],
  );
  const choice = dataChoiceOf(volumes.value);
  // Backups outlive the service unless the user asks otherwise.
  const backupsClient = useBackupsClient();
  const backups = useAsync(
    () => backupsClient.list(service.workspaceId, service.id),
    [backupsClient, service.workspaceId, service.id],
  );
  const backupCount = backups.value?.items.length ?? 0;
  const [keepBackups, setKeepBackups] = useState(true);
  const confirmed = typed === service.name && !volumes.loading;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    setDeleting(true);
    setError(undefined);
    try {
      await api.deleteService(service.workspaceId, service.id, {
        deleteData: forcedDeleteData(choice) ?? data === 'delete',
        // The backend deletes the backups once the uninstall is accepted.
        keepBackups: keepBackups || backupCount === 0,
        version: service.version,
      });
    } catch (e) {
      setError(submitErrorMessage(e));
      setDeleting(false);
      return;
    }
    props.onDeleted();
  };

  return (
    <FormDialog
      open={props.open}
      onClose={props.onClose}
      id="delete-service"
      title={`Delete ${service.name}?`}
      onSubmit={submit}
      buttons={
        <DialogButtons
          label="Delete"
          busyLabel="Deleting…"
          busy={deleting}
          disabled={!confirmed}
          destructive
          confirmAriaLabel="Delete service"
          onCancel={props.onClose}
        />
      }
    >
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      <Typography paragraph>
        This uninstalls the Helm release <code>{service.helmReleaseName}</code>
        {service.publicUrl
          ? ` and removes its Ingress: ${service.publicUrl} stops answering.`
          : '.'}{' '}
        To run it again later, launch it anew from the marketplace.
      </Typography>
      {volumes.loading ? (
        <Typography paragraph color="textSecondary">
          Checking what happens to its data…
        </Typography>
      ) : (
        <DataVolumesChoice choice={choice} value={data} onChange={setData} />
      )}
      {backupCount > 0 && (
        <FormControlLabel
          control={
            <Checkbox
              checked={keepBackups}
              onChange={e => setKeepBackups(e.target.checked)}
              color="primary"
            />
          }
          label={`Keep its ${backupCount} backup${
            backupCount === 1 ? '' : 's'
          } in backup storage (unchecked: they are deleted too)`}
        />
      )}
      <TextField
        id="delete-confirmation"
        label="Type the service name to confirm"
        helperText={`Type ${service.name}`}
        value={typed}
        onChange={e => setTyped(e.target.value)}
        fullWidth
        margin="normal"
        autoComplete="off"
      />
    </FormDialog>
  );
}
