import {
  helmReleaseStatusSchema,
  ReleaseSummary,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** One entry of `helm list --output=json` (helm 3 and 4 print the same fields). */
export interface HelmListEntry {
  name?: string;
  namespace?: string;
  revision?: string | number;
  updated?: string;
  status?: string;
  chart?: string;
  app_version?: string;
}

/**
 * helm prints `<name>-<version>` as one string; chart names may contain '-'
 * and digits, versions are SemVer: the version is the first suffix that is
 * one ("my-app-2-1.2.3-rc.1" -> "my-app-2", "1.2.3-rc.1").
 */
export function splitChart(chart: string): { name: string; version: string } {
  const m = /^(.+?)-(v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?)$/.exec(chart);
  return m ? { name: m[1], version: m[2] } : { name: chart, version: '' };
}

/**
 * helm list prints Go's time format ("2026-11-30 08:00:01.123456789 +0000
 * UTC"); ISO 8601 on the wire. Unreadable times are passed on as they are.
 */
export function helmTimeToIso(value: string): string {
  const m =
    /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-]\d{2})(\d{2})/.exec(
      value.trim(),
    );
  if (!m) return value;
  const fraction = (m[3] ?? '').slice(0, 4);
  const date = new Date(`${m[1]}T${m[2]}${fraction}${m[4]}:${m[5]}`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export function toReleaseSummary(
  entry: HelmListEntry,
  namespace: string,
): ReleaseSummary {
  const chart = splitChart(entry.chart ?? '');
  const status = helmReleaseStatusSchema.safeParse(entry.status);
  return {
    namespace: entry.namespace || namespace,
    releaseName: entry.name ?? '',
    chart: chart.name,
    chartVersion: chart.version,
    appVersion: entry.app_version ?? '',
    status: status.success ? status.data : 'unknown',
    revision: Number(entry.revision) || 0,
    updated: helmTimeToIso(entry.updated ?? ''),
  };
}

/** Runs `fn` on every item, at most `limit` at a time, results in input order. */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker),
  );
  return results;
}
