import { FormEvent, useState } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  adoptReleaseRequestSchema,
  fieldErrorsFromZod,
  type AppTemplate,
  type CloudService,
  type FieldError,
  type UnmanagedRelease,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { errorMessage, fieldErrorsOf, mapFieldErrors } from '../../lib/errors';
import { DialogButtons } from '../shared/DialogButtons';
import { FormDialog } from '../shared/FormDialog';
import { FormErrors } from '../shared/FormErrors';

const FIELDS = ['templateId', 'name', 'subdomain'];

export interface AdoptReleaseDialogProps {
  release: UnmanagedRelease;
  /** Templates deploying the release's chart (the only ones it may be adopted as). */
  templates: AppTemplate[];
  onClose: () => void;
  onAdopted: (service: CloudService) => void;
}

/**
 * Adopts one release: the workspace is the namespace's, the template is
 * preselected by chart name, name and subdomain are the admin's choice.
 */
export function AdoptReleaseDialog(props: AdoptReleaseDialogProps) {
  const { release } = props;
  const api = useCloudServicesApi();
  const [templateId, setTemplateId] = useState(
    release.template?.id ?? props.templates[0]?.id ?? '',
  );
  const [name, setName] = useState(release.referenceId ?? '');
  const [subdomain, setSubdomain] = useState(release.referenceId ?? '');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<{
    message?: string;
    other?: FieldError[];
  }>({});
  const [submitting, setSubmitting] = useState(false);

  const templateHint =
    props.templates.length > 0
      ? `Marketplace applications deploying chart ${release.chart}`
      : `No marketplace application deploys chart ${release.chart}: add one first`;

  const showErrors = (errors: FieldError[], message?: string) => {
    const mapped = mapFieldErrors(errors, FIELDS, []);
    setFieldErrors(mapped.fields);
    setFormError({ message, other: mapped.other });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = adoptReleaseRequestSchema.safeParse({
      namespace: release.namespace,
      releaseName: release.releaseName,
      workspaceId: release.workspaceId,
      templateId: templateId || undefined,
      name,
      subdomain,
    });
    const errors = parsed.success ? [] : fieldErrorsFromZod(parsed.error);
    if (!templateId)
      errors.push({ field: 'templateId', message: 'is required' });
    if (!parsed.success || errors.length) {
      showErrors(errors);
      return;
    }
    setSubmitting(true);
    try {
      props.onAdopted(await api.adoptRelease(parsed.data));
    } catch (error) {
      const fields = fieldErrorsOf(error);
      showErrors(fields, fields.length ? undefined : errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormDialog
      open
      onClose={props.onClose}
      id="adopt-release"
      title={`Adopt ${release.releaseName}`}
      onSubmit={submit}
      buttons={
        <DialogButtons
          label="Adopt"
          busyLabel="Adopting…"
          busy={submitting}
          onCancel={props.onClose}
        />
      }
    >
      <Typography variant="body2" paragraph>
        The release becomes a service of workspace{' '}
        <strong>{release.workspaceId}</strong> (namespace {release.namespace})
        at revision {release.revision}, with the values it runs with. Helm is
        not run.
      </Typography>
      <FormErrors {...formError} />
      <TextField
        id="adopt-template"
        select
        label="Application"
        value={templateId}
        onChange={e => setTemplateId(e.target.value)}
        error={!!fieldErrors.templateId}
        helperText={
          fieldErrors.templateId
            ? `Application ${fieldErrors.templateId}`
            : templateHint
        }
        fullWidth
        margin="normal"
      >
        {props.templates.map(t => (
          <MenuItem key={t.id} value={t.id}>
            {t.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="adopt-name"
        label="Service name"
        value={name}
        onChange={e => setName(e.target.value)}
        error={!!fieldErrors.name}
        helperText={fieldErrors.name && `Name ${fieldErrors.name}`}
        fullWidth
        margin="normal"
        inputProps={{ 'aria-required': true, maxLength: 80 }}
      />
      <TextField
        id="adopt-subdomain"
        label="Subdomain"
        value={subdomain}
        onChange={e => setSubdomain(e.target.value.toLowerCase())}
        error={!!fieldErrors.subdomain}
        helperText={
          fieldErrors.subdomain
            ? `Subdomain ${fieldErrors.subdomain}`
            : 'Where the service will be reachable'
        }
        fullWidth
        margin="normal"
        inputProps={{ 'aria-required': true }}
      />
    </FormDialog>
  );
}
