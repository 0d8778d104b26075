import { DEFAULT_METRIC_LABELS, DEFAULT_METRIC_NAMES } from './metricsConfig';
import {
  buildServiceQueries,
  escapeLabelValue,
  escapeRegex,
  RANGE_STEPS,
} from './promql';

const config = {
  prometheusUrl: 'http://prometheus',
  queryTimeoutMs: 1000,
  minRateWindowSeconds: 300,
  metrics: DEFAULT_METRIC_NAMES,
  labels: DEFAULT_METRIC_LABELS,
};

describe('promql', () => {
  it('keeps every range to a few hundred points', () => {
    for (const { seconds, step } of Object.values(RANGE_STEPS)) {
      expect(seconds / step).toBeLessThanOrEqual(400);
      expect(seconds / step).toBeGreaterThanOrEqual(200);
    }
  });

  it('confines each query to the namespace and the release pods', () => {
    const queries = buildServiceQueries(
      config,
      { namespace: 'paas-ws-a', releaseName: 'paas-ws-a-app' },
      300,
    );
    expect(queries.map(q => q.name)).toEqual([
      'cpu',
      'memory',
      'diskRead',
      'diskWrite',
      'networkIn',
      'networkOut',
      'connections',
      'requests',
    ]);
    expect(queries[0].query).toBe(
      'sum(rate(container_cpu_usage_seconds_total{namespace="paas-ws-a",pod=~"paas-ws-a-app-.*",container!="",container!="POD"}[300s]))',
    );
    expect(queries[6].query).toBe(
      'sum(traefik_service_open_connections{service=~"paas-ws-a-paas-ws-a-app-.*"})',
    );
  });

  it('escapes names so they cannot leave their label matcher', () => {
    expect(escapeLabelValue('a"b\\c')).toBe('a\\"b\\\\c');
    expect(escapeRegex('a.b|c*')).toBe('a\\.b\\|c\\*');
    const [cpu] = buildServiceQueries(
      config,
      { namespace: 'paas-ws-a', releaseName: 'x"} or vector(1) or {a="' },
      300,
    );
    // The crafted text stays inside the quoted regex: one selector, one sum.
    expect(cpu.query).toContain(
      'pod=~"x\\"\\\\} or vector\\\\(1\\\\) or \\\\{a=\\"-.*"',
    );
  });
});
