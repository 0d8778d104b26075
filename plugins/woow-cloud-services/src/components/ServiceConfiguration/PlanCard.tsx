import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { InfoCard } from '@backstage/core-components';
import useAsync from 'react-use/esm/useAsync';
import {
  TRANSITIONAL_STATES,
  type AppTemplate,
  type CloudService,
  type UpgradePreview,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { fieldErrorsOf, isConflict } from '../../lib/errors';
import { planMisfit, PlanPicker, servicePlanText } from '../PlanPicker';
import { DefinitionList } from '../shared/DefinitionList';
import { FormErrors } from '../shared/FormErrors';
import { submitErrorMessage } from '../shared/submitError';
import { UpgradeReviewDialog } from './UpgradeReviewDialog';

/**
 * The service's plan and what it takes of the quota; a deployer may change
 * the plan: a helm upgrade with the new plan's values, reviewed first in the
 * upgrade preview.
 */
export function PlanCard(props: {
  service: CloudService;
  template?: AppTemplate;
  canDeploy: boolean;
  onChanged: () => void;
}) {
  const { service, template } = props;
  const api = useCloudServicesApi();
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState<string>();
  const [review, setReview] = useState<UpgradePreview>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [reviewError, setReviewError] = useState<string>();
  const workspace = useAsync(
    () =>
      choosing ? api.getWorkspace(service.workspaceId) : Promise.resolve(),
    [api, service.workspaceId, choosing],
  );
  const plans = template?.plans ?? [];
  const allocation = {
    vcpu: service.allocatedVcpu,
    ramGb: service.allocatedRamGb,
    storageGb: service.allocatedStorageGb,
  };

  const reviewPlan = async () => {
    const plan = plans.find(p => p.id === chosen);
    if (!plan || plan.id === service.plan) {
      setError('Choose another plan first.');
      return;
    }
    const misfit = planMisfit(
      template!,
      plan,
      workspace.value?.quota,
      allocation,
    );
    if (misfit) {
      setError(`Plan ${plan.name} ${misfit}`);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      setReview(
        await api.previewUpgrade(service.workspaceId, service.id, {
          plan: plan.id,
        }),
      );
    } catch (e) {
      setError(submitErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    setBusy(true);
    setReviewError(undefined);
    try {
      await api.updateService(service.workspaceId, service.id, {
        version: service.version,
        plan: chosen,
      });
      setReview(undefined);
      setChoosing(false);
      props.onChanged();
    } catch (e) {
      if (fieldErrorsOf(e).length) {
        setReview(undefined);
        setError(submitErrorMessage(e));
      } else {
        setReviewError(submitErrorMessage(e));
        if (isConflict(e)) props.onChanged();
      }
    } finally {
      setBusy(false);
    }
  };

  const action = props.canDeploy && plans.length > 1 && !choosing && (
    <Button
      variant="outlined"
      disabled={TRANSITIONAL_STATES.has(service.state)}
      onClick={() => {
        setChosen(service.plan ?? undefined);
        setError(undefined);
        setChoosing(true);
      }}
    >
      Change plan
    </Button>
  );

  return (
    <InfoCard title="Plan & Resources" action={action || undefined}>
      <DefinitionList
        items={[
          ['Plan', servicePlanText(service, template)],
          ['vCPU', String(service.allocatedVcpu)],
          ['RAM', `${+service.allocatedRamGb.toFixed(3)} GB`],
          ['Storage', `${+service.allocatedStorageGb.toFixed(3)} GB`],
        ]}
      />
      {choosing && template && (
        <Box mt={2}>
          <FormErrors message={error} />
          <PlanPicker
            template={template}
            value={chosen}
            onChange={setChosen}
            quota={workspace.value?.quota}
            current={allocation}
            disabled={busy}
          />
          <Box
            display="flex"
            justifyContent="flex-end"
            mt={2}
            style={{ gap: 8 }}
          >
            <Button onClick={() => setChoosing(false)}>Cancel</Button>
            <Button
              color="primary"
              variant="contained"
              disabled={busy}
              onClick={reviewPlan}
            >
              {busy ? 'Preparing preview…' : 'Review plan change'}
            </Button>
          </Box>
        </Box>
      )}
      {review && (
        <UpgradeReviewDialog
          preview={review}
          secretKeys={new Set()}
          labels={{ plan: 'Plan' }}
          confirming={busy}
          error={reviewError}
          onCancel={() => setReview(undefined)}
          onConfirm={confirm}
        />
      )}
    </InfoCard>
  );
}
