import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import {
  allSpecs,
  secretKeys,
  TRANSITIONAL_STATES,
  type AppTemplate,
  type CloudService,
  type UpgradePreview,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import useAsync from 'react-use/esm/useAsync';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { isConflict } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { submitErrorMessage } from '../shared/submitError';
import { UpgradeReviewDialog } from './UpgradeReviewDialog';

/**
 * Newer versions of the service's chart (from its repository's index).
 * Choosing one previews the upgrade (server-side dry run and value diff)
 * with the service's values kept; confirming runs it.
 */
export function ChartVersionsCard(props: {
  service: CloudService;
  template?: AppTemplate;
  canDeploy: boolean;
  onChanged: () => void;
}) {
  const { service, canDeploy } = props;
  const api = useCloudServicesApi();
  const versions = useAsync(
    () => api.listNewerChartVersions(service.workspaceId, service.id),
    [api, service.workspaceId, service.id, service.helmChartVersion],
  );
  const [review, setReview] = useState<{
    preview: UpgradePreview;
    chartVersion: string;
  }>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [reviewError, setReviewError] = useState<string>();
  const specs = props.template?.valueSpecs;
  const busyState = TRANSITIONAL_STATES.has(service.state);

  const preview = async (chartVersion: string) => {
    setBusy(chartVersion);
    setError(undefined);
    try {
      const result = await api.previewUpgrade(service.workspaceId, service.id, {
        chartVersion,
      });
      setReview({ preview: result, chartVersion });
    } catch (e) {
      setError(submitErrorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  const confirm = async () => {
    if (!review) return;
    setBusy(review.chartVersion);
    setReviewError(undefined);
    try {
      await api.updateService(service.workspaceId, service.id, {
        version: service.version,
        chartVersion: review.chartVersion,
      });
      setReview(undefined);
      props.onChanged();
    } catch (e) {
      setReviewError(submitErrorMessage(e));
      if (isConflict(e)) props.onChanged();
    } finally {
      setBusy(undefined);
    }
  };

  const newer = versions.value?.newer ?? [];
  return (
    <InfoCard title="Chart Versions">
      <Typography variant="body2">
        Deployed chart version: {service.helmChartVersion}
      </Typography>
      {versions.error && (
        <Alert severity="warning">
          Newer versions cannot be listed right now:{' '}
          {submitErrorMessage(versions.error)}
        </Alert>
      )}
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      {!versions.loading && !versions.error && newer.length === 0 && (
        <Typography variant="body2">This is the newest version.</Typography>
      )}
      {newer.length > 0 && (
        <Table size="small" aria-label="Newer chart versions">
          <TableHead>
            <TableRow>
              <TableCell>Version</TableCell>
              <TableCell>App version</TableCell>
              <TableCell>Released</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {newer.map(v => (
              <TableRow key={v.version}>
                <TableCell>{v.version}</TableCell>
                <TableCell>{v.appVersion ?? '—'}</TableCell>
                <TableCell>{formatTimestamp(v.created)}</TableCell>
                <TableCell align="right">
                  {canDeploy && (
                    <Button
                      size="small"
                      variant="outlined"
                      disabled={busyState || busy !== undefined}
                      onClick={() => preview(v.version)}
                      aria-label={`Preview the upgrade to chart version ${v.version}`}
                    >
                      {busy === v.version ? 'Preparing preview…' : 'Upgrade…'}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {review && (
        <UpgradeReviewDialog
          preview={review.preview}
          secretKeys={new Set(specs ? secretKeys(specs) : [])}
          labels={Object.fromEntries(
            (specs ? allSpecs(specs) : []).map(s => [s.key, s.label]),
          )}
          chartVersion={review.chartVersion}
          confirming={busy !== undefined}
          error={reviewError}
          onCancel={() => setReview(undefined)}
          onConfirm={confirm}
        />
      )}
    </InfoCard>
  );
}
