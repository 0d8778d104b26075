import { FormEvent, useState } from 'react';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { CloudService } from '@internal/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { submitErrorMessage } from '../shared/submitError';
import { DialogButtons } from '../shared/DialogButtons';
import { FormDialog } from '../shared/FormDialog';

export interface DeleteServiceModalProps {
  open: boolean;
  service: CloudService;
  onClose: () => void;
  /** Called once the backend accepted the delete. */
  onDeleted: () => void;
}

/** F4.2: typed confirmation, and an explicit choice about the data. */
export function DeleteServiceModal(props: DeleteServiceModalProps) {
  const { service } = props;
  const api = useCloudServicesApi();
  const [typed, setTyped] = useState('');
  // Keeping data is the default: deleting volumes cannot be undone.
  const [data, setData] = useState<'keep' | 'delete'>('keep');
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  const confirmed = typed === service.name;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    setDeleting(true);
    setError(undefined);
    try {
      await api.deleteService(service.workspaceId, service.id, {
        deleteData: data === 'delete',
        version: service.version,
      });
      props.onDeleted();
    } catch (e) {
      setError(submitErrorMessage(e));
      setDeleting(false);
    }
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
        This uninstalls the Helm release <code>{service.helmReleaseName}</code>{' '}
        and removes its Ingress: {service.publicUrl} stops answering. To run it
        again later, launch it anew from the marketplace.
      </Typography>
      <FormControl component="fieldset" margin="normal">
        <FormLabel component="legend">Data volumes</FormLabel>
        <RadioGroup
          aria-label="Data volumes"
          value={data}
          onChange={e => setData(e.target.value as 'keep' | 'delete')}
        >
          <FormControlLabel
            value="keep"
            control={<Radio />}
            label="Keep data volumes (you can ask an administrator to restore them)"
          />
          <FormControlLabel
            value="delete"
            control={<Radio />}
            label="Delete data volumes permanently"
          />
        </RadioGroup>
      </FormControl>
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
