import Typography from '@material-ui/core/Typography';
import type { CloudService } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { MetricsResult } from '../../api';
import type { PolledResource } from '../../hooks/usePolledResource';
import { useServiceMetrics } from '../../hooks/useServiceMetrics';
import { errorMessage } from '../../lib/errors';
import { MetricsChart } from '../MetricsChart';
import { LoadingOrError } from '../shared/LoadingOrError';
import { MetricsNotSetUp } from '../ServiceMetrics/MetricsNotSetUp';
import { seriesOfGroup } from '../ServiceMetrics/metricGroups';

export function useOverviewMetrics(service: CloudService) {
  return useServiceMetrics(service.workspaceId, service.id, '1h');
}

/** Network in/out over the last hour, or why there is no chart. */
export function LiveTraffic(props: { metrics: PolledResource<MetricsResult> }) {
  const { metrics } = props;
  if (!metrics.value) {
    return (
      <LoadingOrError
        loading={metrics.loading}
        error={metrics.error}
        what="metrics"
      />
    );
  }
  if (metrics.value.status === 'unavailable') {
    return <MetricsNotSetUp message={metrics.value.message} />;
  }
  const network = seriesOfGroup(metrics.value.metrics.series, 'network');
  return (
    <>
      {metrics.error && (
        <Typography color="error" variant="body2">
          Could not refresh: {errorMessage(metrics.error)}
        </Typography>
      )}
      <MetricsChart
        title="Network traffic"
        unit="bytes/s"
        range="1h"
        series={network}
        height={180}
      />
    </>
  );
}
