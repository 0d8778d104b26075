import type { MetricSeries } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { MetricUnit } from '../../lib/format';

export type MetricGroupId =
  | 'cpu'
  | 'memory'
  | 'disk'
  | 'network'
  | 'connections'
  | 'requests';

interface MetricGroup {
  id: MetricGroupId;
  title: string;
  unit: MetricUnit;
  match: RegExp;
}

/**
 * The Metrics tab's charts (F3, Tab 3.3). Series are placed by name and
 * unit, so the backend can add series (say, disk read and write) without
 * a frontend change.
 */
export const METRIC_GROUPS: MetricGroup[] = [
  { id: 'cpu', title: 'vCPU usage', unit: 'cores', match: /cpu/i },
  { id: 'memory', title: 'RAM usage', unit: 'bytes', match: /mem|ram/i },
  { id: 'disk', title: 'Disk I/O', unit: 'bytes/s', match: /disk|fs|blkio/i },
  {
    id: 'network',
    title: 'Network (in/out)',
    unit: 'bytes/s',
    match: /net|rx|tx|receive|transmit/i,
  },
  {
    id: 'connections',
    title: 'Active connections',
    unit: 'count',
    match: /conn/i,
  },
  {
    id: 'requests',
    title: 'Requests per second',
    unit: 'req/s',
    match: /req/i,
  },
];

function groupOf(series: MetricSeries): MetricGroup | undefined {
  return METRIC_GROUPS.find(
    g => g.unit === series.unit && g.match.test(series.name),
  );
}

export function seriesOfGroup(series: MetricSeries[], id: MetricGroupId) {
  return series.filter(s => groupOf(s)?.id === id);
}

/** Series no group claimed, charted per unit so nothing the backend sends is hidden. */
export function ungroupedByUnit(
  series: MetricSeries[],
): Map<MetricUnit, MetricSeries[]> {
  const byUnit = new Map<MetricUnit, MetricSeries[]>();
  for (const s of series) {
    if (groupOf(s)) continue;
    byUnit.set(s.unit, [...(byUnit.get(s.unit) ?? []), s]);
  }
  return byUnit;
}
