import { FormEvent, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import {
  createWorkspaceRequestSchema,
  fieldErrorsFromZod,
  type FieldError,
  type Workspace,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { errorMessage, fieldErrorsOf, mapFieldErrors } from '../../lib/errors';
import { FormErrors } from '../shared/FormErrors';
import { DialogButtons } from '../shared/DialogButtons';
import { FormDialog } from '../shared/FormDialog';

const FIELDS = ['name', 'description'];

export interface CreateWorkspaceDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (workspace: Workspace) => void;
}

export function CreateWorkspaceDialog(props: CreateWorkspaceDialogProps) {
  const api = useCloudServicesApi();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<{
    message?: string;
    other?: FieldError[];
  }>({});
  const [submitting, setSubmitting] = useState(false);

  const showErrors = (errors: FieldError[], message?: string) => {
    const mapped = mapFieldErrors(errors, FIELDS, []);
    setFieldErrors(mapped.fields);
    setFormError({ message, other: mapped.other });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = createWorkspaceRequestSchema.safeParse({
      name,
      description,
    });
    if (!parsed.success) {
      showErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    setSubmitting(true);
    try {
      const workspace = await api.createWorkspace(parsed.data);
      props.onCreated(workspace);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      showErrors(fields, fields.length ? undefined : errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormDialog
      open={props.open}
      onClose={props.onClose}
      id="create-workspace"
      title="Create workspace"
      onSubmit={submit}
      buttons={
        <DialogButtons
          label="Create"
          busyLabel="Creating…"
          busy={submitting}
          onCancel={props.onClose}
        />
      }
    >
      <FormErrors {...formError} />
      <TextField
        id="workspace-name"
        label="Workspace name"
        value={name}
        onChange={e => setName(e.target.value)}
        error={!!fieldErrors.name}
        helperText={
          fieldErrors.name
            ? `Name ${fieldErrors.name}`
            : 'Services of a workspace share one Kubernetes namespace.'
        }
        fullWidth
        margin="normal"
        inputProps={{ 'aria-required': true, maxLength: 80 }}
      />
      <TextField
        id="workspace-description"
        label="Description"
        value={description}
        onChange={e => setDescription(e.target.value)}
        error={!!fieldErrors.description}
        helperText={
          fieldErrors.description && `Description ${fieldErrors.description}`
        }
        fullWidth
        multiline
        minRows={2}
        margin="normal"
      />
    </FormDialog>
  );
}
