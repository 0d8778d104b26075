import type { CloudService } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { MetricsResult } from '../../api';
import { formatBytes, formatCores } from '../../lib/format';

/**
 * CPU and RAM lines of the Resources card. Without Prometheus they say so,
 * rather than "0", which would read as an idle service.
 */
export function usageText(
  metrics: MetricsResult | undefined,
  service: CloudService,
): { cpu: string; ram: string } {
  if (metrics?.status === 'unavailable') {
    return { cpu: 'Metrics are not set up', ram: 'Metrics are not set up' };
  }
  const current = metrics?.metrics.current;
  let cpu = 'no data';
  if (current?.cpuCores !== null && current?.cpuCores !== undefined) {
    const share =
      current.cpuPercentOfLimit !== null
        ? ` (${Math.round(current.cpuPercentOfLimit)}% of limit)`
        : '';
    cpu = `${formatCores(current.cpuCores)}${share}`;
  }
  let ram = 'no data';
  if (current?.memoryBytes !== null && current?.memoryBytes !== undefined) {
    const limit = current.memoryLimitBytes
      ? formatBytes(current.memoryLimitBytes)
      : `${service.allocatedRamGb} GB`;
    ram = `${formatBytes(current.memoryBytes)} / ${limit}`;
  }
  return { cpu, ram };
}
