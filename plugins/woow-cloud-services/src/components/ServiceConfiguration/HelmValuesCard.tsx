import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import {
  allSpecs,
  secretKeys,
  TRANSITIONAL_STATES,
  validateUserValues,
  type AppTemplate,
  type CloudService,
  type UpgradePreview,
  type UserValues,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { fieldErrorsOf, isConflict, mapFieldErrors } from '../../lib/errors';
import { EnvVarForm } from '../EnvVarForm';
import { FormErrors } from '../shared/FormErrors';
import { submitErrorMessage } from '../shared/submitError';
import { HelmValuesView } from './HelmValuesView';
import { UpgradeReviewDialog } from './UpgradeReviewDialog';
import {
  computeChanges,
  initialFormValues,
  secretsSetOf,
  ValueChanges,
} from './valueChanges';

interface Review {
  preview: UpgradePreview;
  changes: ValueChanges;
  chartVersion?: string;
}

/** Helm values: view, edit, review the preview diff, confirm the upgrade. */
export function HelmValuesCard(props: {
  service: CloudService;
  template?: AppTemplate;
  canDeploy: boolean;
  onChanged: () => void;
}) {
  const { service, template, canDeploy } = props;
  const api = useCloudServicesApi();
  const specs = template?.valueSpecs;
  const initial = useMemo(
    () => (specs ? initialFormValues(specs, service) : {}),
    [specs, service],
  );
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<UserValues>({});
  const [upgradeChart, setUpgradeChart] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<{
    message?: string;
    other?: { field: string; message: string }[];
  }>({});
  const [review, setReview] = useState<Review>();
  const [busy, setBusy] = useState(false);
  const [reviewError, setReviewError] = useState<string>();
  const newChart =
    template && template.helmChart.chartVersion !== service.helmChartVersion
      ? template.helmChart.chartVersion
      : undefined;
  const keys = specs ? allSpecs(specs).map(s => s.key) : [];

  const showServerErrors = (error: unknown) => {
    const mapped = mapFieldErrors(fieldErrorsOf(error), [], keys);
    setErrors(mapped.values);
    setFormError({
      message: Object.keys(mapped.values).length
        ? 'The server refused some values; see the highlighted fields.'
        : submitErrorMessage(error),
      other: mapped.other,
    });
  };

  const startEditing = () => {
    setForm(initial);
    setErrors({});
    setFormError({});
    setUpgradeChart(false);
    setEditing(true);
  };

  const reviewChanges = async () => {
    if (!specs) return;
    const changes = computeChanges(specs, initial, form);
    const chartVersion = upgradeChart ? newChart : undefined;
    if (Object.keys(changes).length === 0 && !chartVersion) {
      setFormError({ message: 'Nothing changed yet.' });
      return;
    }
    const toCheck = Object.fromEntries(
      Object.entries(changes).filter(([, v]) => v !== null),
    ) as UserValues;
    const problems = validateUserValues(specs, toCheck, { partial: true });
    if (problems.length) {
      setErrors(Object.fromEntries(problems.map(p => [p.field, p.message])));
      setFormError({ message: 'Please fix the highlighted fields.' });
      return;
    }
    setErrors({});
    setFormError({});
    setBusy(true);
    try {
      const preview = await api.previewUpgrade(
        service.workspaceId,
        service.id,
        { helmValues: changes, chartVersion },
      );
      setReview({ preview, changes, chartVersion });
    } catch (error) {
      showServerErrors(error);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!review) return;
    setBusy(true);
    setReviewError(undefined);
    try {
      await api.updateService(service.workspaceId, service.id, {
        version: service.version,
        helmValues: review.changes,
        chartVersion: review.chartVersion,
      });
      setReview(undefined);
      setEditing(false);
      props.onChanged();
    } catch (error) {
      if (fieldErrorsOf(error).length) {
        setReview(undefined);
        showServerErrors(error);
      } else {
        setReviewError(submitErrorMessage(error));
        if (isConflict(error)) props.onChanged();
      }
    } finally {
      setBusy(false);
    }
  };

  const busyState = TRANSITIONAL_STATES.has(service.state);
  const action = canDeploy && specs && !editing && (
    <Button variant="outlined" onClick={startEditing} disabled={busyState}>
      Edit values
    </Button>
  );

  return (
    <InfoCard title="Helm Values" action={action || undefined}>
      {!specs && (
        <Alert severity="warning">
          The application template could not be loaded, so values cannot be
          edited right now.
        </Alert>
      )}
      {!editing || !specs ? (
        <HelmValuesView service={service} specs={specs} />
      ) : (
        <form
          aria-label="Edit Helm values"
          onSubmit={e => {
            e.preventDefault();
            reviewChanges();
          }}
          noValidate
        >
          <FormErrors {...formError} />
          <EnvVarForm
            specs={specs}
            values={form}
            onChange={(key, value) => setForm({ ...form, [key]: value })}
            errors={errors}
            secretsSet={secretsSetOf(service)}
            disabled={busy}
            deployed
          />
          {newChart && (
            <FormControlLabel
              control={
                <Checkbox
                  checked={upgradeChart}
                  onChange={e => setUpgradeChart(e.target.checked)}
                />
              }
              label={`Also upgrade the chart from ${service.helmChartVersion} to ${newChart}`}
            />
          )}
          <Box
            display="flex"
            justifyContent="flex-end"
            mt={2}
            style={{ gap: 8 }}
          >
            <Button onClick={() => setEditing(false)}>Cancel</Button>
            <Button
              type="submit"
              color="primary"
              variant="contained"
              disabled={busy}
            >
              {busy ? 'Preparing preview…' : 'Review changes'}
            </Button>
          </Box>
        </form>
      )}
      {review && specs && (
        <UpgradeReviewDialog
          preview={review.preview}
          secretKeys={new Set(secretKeys(specs))}
          labels={Object.fromEntries(
            allSpecs(specs).map(s => [s.key, s.label]),
          )}
          chartVersion={review.chartVersion}
          confirming={busy}
          error={reviewError}
          onCancel={() => setReview(undefined)}
          onConfirm={confirm}
        />
      )}
    </InfoCard>
  );
}
