import { FormEvent, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  customDomainProblem,
  customDomainSchema,
  type CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { fieldErrorsOf, isConflict } from '../../lib/errors';
import { submitErrorMessage } from '../shared/submitError';
import { DialogButtons } from '../shared/DialogButtons';
import { FormDialog } from '../shared/FormDialog';

export interface EditDomainModalProps {
  open: boolean;
  service: CloudService;
  baseDomain?: string;
  /** The backend's CNAME target pattern, e.g. `{subdomain}.woowtech.com`. */
  cnameTarget?: string;
  onClose: () => void;
  /** Called after a successful save (the caller reloads the service). */
  onSaved: () => void;
}

/** The platform host a custom domain must point at. */
export function platformHost(
  service: CloudService,
  baseDomain?: string,
  cnameTarget?: string,
) {
  if (cnameTarget) return cnameTarget.replace('{subdomain}', service.subdomain);
  if (baseDomain) return `${service.subdomain}.${baseDomain}`;
  try {
    return service.publicUrl
      ? new URL(service.publicUrl).hostname
      : service.subdomain;
  } catch {
    return service.subdomain;
  }
}

/** F4.4: set, change or remove a service's custom domain. */
export function EditDomainModal(props: EditDomainModalProps) {
  const { service } = props;
  const api = useCloudServicesApi();
  const [domain, setDomain] = useState(service.customDomain ?? '');
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const host = platformHost(service, props.baseDomain, props.cnameTarget);

  const save = async (customDomain: string | null) => {
    setSaving(true);
    setFormError(undefined);
    try {
      await api.updateService(service.workspaceId, service.id, {
        version: service.version,
        customDomain,
      });
      props.onSaved();
    } catch (error) {
      const fields = fieldErrorsOf(error).filter(
        f => f.field === 'customDomain',
      );
      if (fields.length) setFieldError(fields[0].message);
      else setFormError(submitErrorMessage(error));
      // A stale version will not get fresher by retrying: show the new state.
      if (isConflict(error)) props.onSaved();
    } finally {
      setSaving(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = domain.trim().toLowerCase();
    if (!value) {
      setFieldError('is required (use "Remove custom domain" to clear it)');
      return;
    }
    // The rules the server applies, but for uniqueness (only it knows).
    const parsed = customDomainSchema.safeParse(value);
    const problem = props.baseDomain
      ? customDomainProblem(value, {
          baseDomain: props.baseDomain,
          subdomain: service.subdomain,
        })
      : parsed.error?.issues[0].message;
    if (problem || !parsed.success) {
      setFieldError(problem ?? parsed.error?.issues[0].message);
      return;
    }
    setFieldError(undefined);
    save(parsed.data);
  };

  const shown = domain.trim().toLowerCase() || 'app.example.com';
  return (
    <FormDialog
      open={props.open}
      onClose={props.onClose}
      id="edit-domain"
      title="Edit custom domain"
      onSubmit={submit}
      buttons={
        <DialogButtons
          label="Save"
          busyLabel="Saving…"
          busy={saving}
          onCancel={props.onClose}
        >
          {service.customDomain && (
            <Button onClick={() => save(null)} disabled={saving}>
              Remove custom domain
            </Button>
          )}
        </DialogButtons>
      }
    >
      {formError && (
        <Alert severity="error" role="alert">
          {formError}
        </Alert>
      )}
      <TextField
        id="custom-domain"
        label="Custom domain"
        placeholder="app.example.com"
        value={domain}
        onChange={e => setDomain(e.target.value)}
        error={!!fieldError}
        helperText={
          fieldError ? `Custom domain ${fieldError}` : 'A domain you own.'
        }
        fullWidth
        margin="normal"
      />
      <Typography variant="body2" gutterBottom>
        Create this DNS record at your DNS provider:
      </Typography>
      <Box
        component="pre"
        p={1}
        bgcolor="action.hover"
        aria-label="Required DNS record"
        style={{ whiteSpace: 'pre-wrap' }}
      >
        {`${shown} CNAME ${host}`}
      </Box>
      <Typography variant="body2" color="textSecondary">
        The domain is served once this record (or the TXT record shown after
        saving) proves it is yours. Or keep using {host}, which already has TLS.
      </Typography>
    </FormDialog>
  );
}
