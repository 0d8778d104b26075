import type { MetricsRange } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { MetricsResult } from '../api';
import { useCloudServicesApi } from './useCloudServicesApi';
import { usePolledResource } from './usePolledResource';

/** The spec's metrics update interval. */
export const METRICS_REFRESH_MS = 5000;

/**
 * A service's metrics, refreshed every 5 s while the page is visible
 * (usePolledResource pauses in hidden tabs). A backend without Prometheus
 * is not asked again: that does not change from one refresh to the next.
 */
export function useServiceMetrics(
  workspaceId: string,
  serviceId: string,
  range: MetricsRange,
) {
  const api = useCloudServicesApi();
  return usePolledResource<MetricsResult>(
    () => api.getMetrics(workspaceId, serviceId, range),
    [api, workspaceId, serviceId, range],
    {
      pollMs: result =>
        result?.status === 'unavailable' ? undefined : METRICS_REFRESH_MS,
    },
  );
}
