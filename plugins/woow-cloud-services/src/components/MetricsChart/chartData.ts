import type { MetricSeries } from '@woowtech/backstage-plugin-woow-cloud-services-common';

export type ChartRow = { t: number } & Record<string, number | null>;

/**
 * Series to recharts rows keyed by timestamp. A missing sample stays
 * `null` (never 0, never interpolated) so the chart draws a gap: a pod that
 * was down must not look like a pod that was idle.
 */
export function toChartRows(series: MetricSeries[]): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const s of series) {
    for (const [t, value] of s.points) {
      const row = rows.get(t) ?? ({ t } as ChartRow);
      row[s.name] = value;
      rows.set(t, row);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.t - b.t);
  for (const row of sorted) {
    for (const s of series) if (!(s.name in row)) row[s.name] = null;
  }
  return sorted;
}

/** The newest sample that is not a gap. */
export function latestValue(series: MetricSeries): number | null {
  for (let i = series.points.length - 1; i >= 0; i--) {
    const value = series.points[i][1];
    if (value !== null) return value;
  }
  return null;
}

/**
 * A sample with a gap (or nothing) on both sides: a line cannot show it, so
 * the chart marks it with a dot (a service that just started has only one).
 */
export function isIsolated(rows: ChartRow[], key: string, index: number) {
  const at = (i: number) => rows[i]?.[key];
  const present = (v: number | null | undefined) =>
    v !== null && v !== undefined;
  return (
    present(at(index)) && !present(at(index - 1)) && !present(at(index + 1))
  );
}
