import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import {
  withSpecDefaults,
  type AppTemplate,
  type UserValue,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import useAsync from 'react-use/esm/useAsync';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { usePaths } from '../../hooks/usePaths';
import { usePolledResource } from '../../hooks/usePolledResource';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { capabilitiesFor } from '../../lib/roles';
import { EnvVarForm } from '../EnvVarForm';
import { PlanPicker } from '../PlanPicker';
import { CloudServicesPage } from '../shared/CloudServicesPage';
import { FormErrors } from '../shared/FormErrors';
import { LoadingOrError } from '../shared/LoadingOrError';
import {
  hasErrors,
  LaunchFormErrors,
  LaunchFormState,
  NO_ERRORS,
  serverErrors,
  suggestSubdomain,
  toCreateRequest,
  validateLaunch,
} from './launchForm';
import { LaunchSummary } from './LaunchSummary';
import { SubdomainCheck, SubdomainField } from './SubdomainField';

function without(errors: Record<string, string>, keys: string[]) {
  return Object.fromEntries(
    Object.entries(errors).filter(([key]) => !keys.includes(key)),
  );
}

/** Errors after the user edited some fields: theirs go, and the banner with the last. */
function afterEdit(
  errors: LaunchFormErrors,
  fields: string[],
  values: string[],
): LaunchFormErrors {
  const next = {
    ...errors,
    fields: without(errors.fields, fields),
    values: without(errors.values, values),
  };
  const highlighted = (e: LaunchFormErrors) =>
    Object.keys(e.fields).length + Object.keys(e.values).length > 0;
  return highlighted(errors) && !highlighted(next) && next.other.length === 0
    ? { ...next, message: undefined }
    : next;
}

function initialForm(template: AppTemplate): LaunchFormState {
  return {
    name: template.name,
    subdomain: suggestSubdomain(template.slug),
    plan: template.defaultPlan,
    values: withSpecDefaults(template.valueSpecs, {}),
  };
}

/** App Configuration & Launch (F2). */
export function AppConfigurationPage(props: {
  workspaceId: string;
  templateId: string;
}) {
  const { workspaceId, templateId } = props;
  const api = useCloudServicesApi();
  const paths = usePaths();
  const navigate = useNavigate();
  const template = usePolledResource(
    () => api.getTemplate(templateId),
    [api, templateId],
  );
  const workspace = usePolledResource(
    () => api.getWorkspace(workspaceId),
    [api, workspaceId],
  );
  const config = useAsync(() => api.getConfig(), [api]);
  const caps = capabilitiesFor(workspace.value?.myRole);

  const [form, setForm] = useState<LaunchFormState>();
  const [errors, setErrors] = useState<LaunchFormErrors>(NO_ERRORS);
  const [subdomainCheck, setSubdomainCheck] = useState<SubdomainCheck>({
    state: 'unknown',
  });
  const [submitting, setSubmitting] = useState(false);
  const onCheck = useCallback((c: SubdomainCheck) => setSubdomainCheck(c), []);

  useEffect(() => {
    if (template.value) setForm(f => f ?? initialForm(template.value!));
  }, [template.value]);

  const tpl = template.value;
  if (!tpl || !workspace.value || !form) {
    return (
      <CloudServicesPage
        title="Configure application"
        typeLink={paths.marketplace(workspaceId)}
        type="Back to marketplace"
      >
        <LoadingOrError
          loading={template.loading || workspace.loading}
          error={template.error ?? workspace.error}
          what={template.error ? 'application' : 'workspace'}
        />
      </CloudServicesPage>
    );
  }

  // An edited field's earlier error no longer describes it: drop it, so the
  // field shows its live state (e.g. the subdomain's availability) again.
  const update = (
    patch: Partial<Pick<LaunchFormState, 'name' | 'subdomain' | 'plan'>>,
  ) => {
    setForm({ ...form, ...patch });
    setErrors(e => afterEdit(e, Object.keys(patch), []));
  };
  const setValue = (key: string, value: UserValue) => {
    setForm({ ...form, values: { ...form.values, [key]: value } });
    setErrors(e => afterEdit(e, [], [key]));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateLaunch(
      tpl,
      form,
      subdomainCheck,
      workspace.value?.quota,
    );
    if (hasErrors(found)) {
      setErrors({ ...found, message: 'Please fix the highlighted fields.' });
      return;
    }
    setErrors(NO_ERRORS);
    setSubmitting(true);
    try {
      const created = await api.createService(
        workspaceId,
        toCreateRequest(tpl, form),
      );
      navigate(paths.service(workspaceId, created.id));
    } catch (error) {
      setErrors(serverErrors(tpl, fieldErrorsOf(error), errorMessage(error)));
      setSubmitting(false);
    }
  };

  return (
    <CloudServicesPage
      title={`Configure ${tpl.name}`}
      subtitle={workspace.value.name}
      type="Back to marketplace"
      typeLink={paths.marketplace(workspaceId)}
    >
      <form onSubmit={submit} noValidate aria-label="Application configuration">
        {!caps.canDeploy && (
          <WarningPanel
            severity="info"
            title="Viewers cannot launch applications"
            message="Ask a member, admin or owner of this workspace to launch it."
          />
        )}
        <FormErrors message={errors.message} other={errors.other} />
        <Grid container spacing={3}>
          <Grid item xs={12} md={8}>
            <InfoCard title="General Settings">
              <TextField
                id="service-name"
                label="Application name"
                value={form.name}
                onChange={e => update({ name: e.target.value })}
                error={!!errors.fields.name}
                helperText={
                  errors.fields.name
                    ? `Name ${errors.fields.name}`
                    : 'You can rename it later.'
                }
                fullWidth
                margin="normal"
                inputProps={{ 'aria-required': true, maxLength: 80 }}
              />
              <TextField
                id="service-reference-id"
                label="Reference ID"
                value=""
                placeholder="Generated at launch"
                helperText={
                  errors.fields.referenceId
                    ? `Reference ID ${errors.fields.referenceId}`
                    : 'Generated at launch, cannot be changed. It names the Helm release.'
                }
                error={!!errors.fields.referenceId}
                fullWidth
                margin="normal"
                InputProps={{ readOnly: true }}
                InputLabelProps={{ shrink: true }}
              />
            </InfoCard>
            <br />
            {tpl.ingressEnabled ? (
              <InfoCard title="Network & Domain">
                <SubdomainField
                  value={form.subdomain}
                  onChange={subdomain => update({ subdomain })}
                  baseDomain={config.value?.baseDomain}
                  error={errors.fields.subdomain}
                  onCheck={onCheck}
                />
              </InfoCard>
            ) : (
              <InfoCard title="Network">
                <Typography variant="body2">
                  {tpl.name} has no web UI, so it gets no public address. After
                  launch, its Overview shows the in-cluster address and the
                  port-forward command to connect with.
                </Typography>
              </InfoCard>
            )}
            <br />
            {!!tpl.plans?.length && (
              <>
                <InfoCard title="Plan">
                  <PlanPicker
                    template={tpl}
                    value={form.plan}
                    onChange={plan => update({ plan })}
                    quota={workspace.value.quota}
                    error={errors.fields.plan}
                    disabled={submitting}
                  />
                </InfoCard>
                <br />
              </>
            )}
            <InfoCard title="Helm Values">
              <EnvVarForm
                specs={tpl.valueSpecs}
                values={form.values}
                onChange={setValue}
                errors={errors.values}
                disabled={submitting}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={4}>
            <LaunchSummary
              template={tpl}
              plan={tpl.plans?.find(p => p.id === form.plan)}
              cancelHref={paths.marketplace(workspaceId)}
              canDeploy={caps.canDeploy}
              submitting={submitting}
            />
          </Grid>
        </Grid>
      </form>
    </CloudServicesPage>
  );
}
