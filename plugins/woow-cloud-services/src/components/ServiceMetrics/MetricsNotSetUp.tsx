import { EmptyState } from '@backstage/core-components';

/**
 * Shown instead of an empty chart when the backend has no Prometheus: an
 * empty chart would suggest the service has no traffic.
 */
export function MetricsNotSetUp(props: { message?: string }) {
  return (
    <EmptyState
      missing="info"
      title="Metrics are not set up"
      description={`This Backstage installation has no Prometheus configured for Cloud Services, so usage cannot be shown.${
        props.message ? ` (${props.message})` : ''
      }`}
    />
  );
}
