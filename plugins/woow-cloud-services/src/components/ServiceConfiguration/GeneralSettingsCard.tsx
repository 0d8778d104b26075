import { useEffect, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import {
  serviceNameSchema,
  type CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { fieldErrorsOf, isConflict } from '../../lib/errors';
import { submitErrorMessage } from '../shared/submitError';

/** General Settings: the name can change (no helm call); the reference ID never does. */
export function GeneralSettingsCard(props: {
  service: CloudService;
  canDeploy: boolean;
  onChanged: () => void;
}) {
  const { service, canDeploy } = props;
  const api = useCloudServicesApi();
  const [name, setName] = useState(service.name);
  const [nameError, setNameError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  // Follow renames (ours after a save, or someone else's) unless the user
  // has typed something of their own.
  const lastSeen = useRef(service.name);
  useEffect(() => {
    setName(current => (current === lastSeen.current ? service.name : current));
    lastSeen.current = service.name;
  }, [service.name]);

  const save = async () => {
    const parsed = serviceNameSchema.safeParse(name);
    if (!parsed.success) {
      setNameError(parsed.error.issues[0].message);
      return;
    }
    setNameError(undefined);
    setFormError(undefined);
    setSaving(true);
    try {
      await api.updateService(service.workspaceId, service.id, {
        version: service.version,
        name: parsed.data,
      });
      props.onChanged();
    } catch (error) {
      const field = fieldErrorsOf(error).find(f => f.field === 'name');
      if (field) setNameError(field.message);
      else setFormError(submitErrorMessage(error));
      if (isConflict(error)) props.onChanged();
    } finally {
      setSaving(false);
    }
  };

  return (
    <InfoCard title="General Settings">
      {formError && (
        <Alert severity="error" role="alert">
          {formError}
        </Alert>
      )}
      <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
        <TextField
          id="config-service-name"
          label="Application name"
          value={name}
          onChange={e => setName(e.target.value)}
          error={!!nameError}
          helperText={nameError ? `Name ${nameError}` : undefined}
          fullWidth
          margin="normal"
          InputProps={{ readOnly: !canDeploy }}
        />
        {canDeploy && (
          <Button
            variant="outlined"
            style={{ marginTop: 24, flexShrink: 0, whiteSpace: 'nowrap' }}
            onClick={save}
            disabled={saving || name === service.name}
          >
            {saving ? 'Saving…' : 'Save name'}
          </Button>
        )}
      </Box>
      <TextField
        id="config-reference-id"
        label="Reference ID"
        value={service.referenceId}
        helperText="Set at launch; names the Helm release and cannot be changed."
        fullWidth
        margin="normal"
        InputProps={{ readOnly: true }}
      />
    </InfoCard>
  );
}
