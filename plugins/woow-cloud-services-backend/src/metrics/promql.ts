import type { MetricsRange } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { MetricsConfig } from './metricsConfig';

/** Range length and step: a chart gets a few hundred points at most. */
export const RANGE_STEPS: Record<
  MetricsRange,
  { seconds: number; step: number }
> = {
  '1h': { seconds: 3600, step: 15 }, // 240 points
  '24h': { seconds: 86400, step: 300 }, // 288 points
  '7d': { seconds: 7 * 86400, step: 1800 }, // 336 points
  '30d': { seconds: 30 * 86400, step: 7200 }, // 360 points
};

/** Escapes a value for a PromQL double-quoted string (label matcher value). */
export function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
}

/** Escapes regular-expression metacharacters (RE2) so a value matches literally. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What one service's series are confined to. */
export interface ServiceScope {
  namespace: string;
  releaseName: string;
}

export interface SeriesQuery {
  name: string;
  label: string;
  unit: 'cores' | 'bytes' | 'bytes/s' | 'count' | 'req/s';
  query: string;
}

/**
 * The PromQL of every series for one service: container metrics of the
 * release's pods (pod names start with the release name) in its namespace,
 * and Traefik metrics of the release's Ingress. Names are escaped twice:
 * as regex literals, then as PromQL string contents.
 */
export function buildServiceQueries(
  config: MetricsConfig,
  scope: ServiceScope,
  rateWindowSeconds: number,
): SeriesQuery[] {
  const { metrics: m, labels: l } = config;
  const ns = escapeLabelValue(scope.namespace);
  const podRegex = escapeLabelValue(`${escapeRegex(scope.releaseName)}-.*`);
  const pods = `${l.namespace}="${ns}",${l.pod}=~"${podRegex}"`;
  const containers = `${pods},${l.container}!="",${l.container}!="POD"`;
  const ingressRegex = escapeLabelValue(
    `${escapeRegex(`${scope.namespace}-${scope.releaseName}-`)}.*`,
  );
  const ingress = `${l.ingressService}=~"${ingressRegex}"`;
  const w = `[${rateWindowSeconds}s]`;
  return [
    {
      name: 'cpu',
      label: 'vCPU usage',
      unit: 'cores',
      query: `sum(rate(${m.cpuSeconds}{${containers}}${w}))`,
    },
    {
      name: 'memory',
      label: 'Memory (working set)',
      unit: 'bytes',
      query: `sum(${m.memoryWorkingSet}{${containers}})`,
    },
    {
      name: 'diskRead',
      label: 'Disk read',
      unit: 'bytes/s',
      query: `sum(rate(${m.fsReadBytes}{${containers}}${w}))`,
    },
    {
      name: 'diskWrite',
      label: 'Disk write',
      unit: 'bytes/s',
      query: `sum(rate(${m.fsWriteBytes}{${containers}}${w}))`,
    },
    // Network counters are per pod (no container label on the pod sandbox).
    {
      name: 'networkIn',
      label: 'Network in',
      unit: 'bytes/s',
      query: `sum(rate(${m.networkReceiveBytes}{${pods}}${w}))`,
    },
    {
      name: 'networkOut',
      label: 'Network out',
      unit: 'bytes/s',
      query: `sum(rate(${m.networkTransmitBytes}{${pods}}${w}))`,
    },
    {
      name: 'connections',
      label: 'Active connections',
      unit: 'count',
      query: `sum(${m.openConnections}{${ingress}})`,
    },
    {
      name: 'requests',
      label: 'Requests per second',
      unit: 'req/s',
      query: `sum(rate(${m.requests}{${ingress}}${w}))`,
    },
  ];
}
