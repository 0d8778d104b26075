import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_METRIC_LABELS,
  DEFAULT_METRIC_NAMES,
  type MetricsConfig,
} from './metricsConfig';
import { PrometheusMetricsReader } from './PrometheusMetricsReader';

jest.setTimeout(300_000);

const repoRoot = path.resolve(__dirname, '../../../..');

/**
 * Generated cAdvisor and Traefik samples for two services in two namespaces,
 * plus a decoy pod whose name only looks like service A's. Samples end 4 h
 * before now so they sit in persisted blocks, not in Prometheus's head.
 */
const END = Math.floor(Date.now() / 1000 / 60) * 60 - 4 * 3600;
// Each run's samples get names of their own: Prometheus keeps earlier runs'
// backfilled blocks, whose counters must not mix with this run's.
const RUN = Math.random().toString(36).slice(2, 8);
const SERVICES = {
  a: {
    namespace: `paas-ws-a${RUN}`,
    releaseName: `paas-ws-a${RUN}-app1`,
    pod: `paas-ws-a${RUN}-app1-6d9f7-x2k4p`,
    cpu: 0.25,
    memory: 200 * 2 ** 20,
    rx: 1000,
    connections: 3,
    rps: 5,
  },
  b: {
    namespace: `paas-ws-b${RUN}`,
    releaseName: `paas-ws-b${RUN}-app1`,
    pod: `paas-ws-b${RUN}-app1-7c8d9-q9w8e`,
    cpu: 1.5,
    memory: 800 * 2 ** 20,
    rx: 9000,
    connections: 40,
    rps: 70,
  },
  decoy: {
    namespace: `paas-ws-a${RUN}`,
    releaseName: `paas-ws-a${RUN}-app10`,
    pod: `paas-ws-a${RUN}-app10-5f5f5-zzzzz`,
    cpu: 7,
    memory: 7 * 2 ** 30,
    rx: 77777,
    connections: 700,
    rps: 700,
  },
};

function sampleTimes(): number[] {
  const times: number[] = [];
  // 30 days at 30 min, then the last 26 hours at 1 min.
  for (let t = END - 30 * 86400; t < END - 26 * 3600; t += 1800) times.push(t);
  for (let t = END - 26 * 3600; t <= END; t += 60) times.push(t);
  return times;
}

function openMetrics(): string {
  const times = sampleTimes();
  const lines: string[] = [];
  const family = (
    type: string,
    name: string,
    sample: (s: typeof SERVICES.a, t: number) => string[],
  ) => {
    lines.push(`# TYPE ${name} ${type}`);
    for (const s of Object.values(SERVICES)) {
      for (const t of times)
        lines.push(...sample(s, t).map(line => `${line} ${t}`));
    }
  };
  const ctr = (s: typeof SERVICES.a) =>
    `namespace="${s.namespace}",pod="${s.pod}",container="app"`;
  const pod = (s: typeof SERVICES.a) =>
    `namespace="${s.namespace}",pod="${s.pod}"`;
  const svc = (s: typeof SERVICES.a) =>
    `service="${s.namespace}-${s.releaseName}-${s.releaseName}-80@kubernetes"`;
  const since = (t: number) => t - (END - 31 * 86400);
  family('counter', 'container_cpu_usage_seconds', (s, t) => [
    `container_cpu_usage_seconds_total{${ctr(s)}} ${s.cpu * since(t)}`,
  ]);
  family('gauge', 'container_memory_working_set_bytes', s => [
    `container_memory_working_set_bytes{${ctr(s)}} ${s.memory}`,
  ]);
  family('counter', 'container_fs_reads_bytes', (s, t) => [
    `container_fs_reads_bytes_total{${ctr(s)}} ${2 * s.rx * since(t)}`,
  ]);
  family('counter', 'container_fs_writes_bytes', (s, t) => [
    `container_fs_writes_bytes_total{${ctr(s)}} ${3 * s.rx * since(t)}`,
  ]);
  family('counter', 'container_network_receive_bytes', (s, t) => [
    `container_network_receive_bytes_total{${pod(s)}} ${s.rx * since(t)}`,
  ]);
  family('counter', 'container_network_transmit_bytes', (s, t) => [
    `container_network_transmit_bytes_total{${pod(s)}} ${
      (s.rx / 2) * since(t)
    }`,
  ]);
  family('gauge', 'traefik_service_open_connections', s => [
    `traefik_service_open_connections{${svc(s)}} ${s.connections}`,
  ]);
  family('counter', 'traefik_service_requests', (s, t) => [
    `traefik_service_requests_total{${svc(s)}} ${s.rps * since(t)}`,
  ]);
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/** Backfills through the test environment's own loader (it is an ES module: run it in a child). */
function loadSamples(text: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'woow-metrics-'));
  const file = path.join(dir, 'samples.om');
  writeFileSync(file, text);
  try {
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
        import { readFileSync } from 'node:fs';
        const { loadPrometheusSamples } = await import(${JSON.stringify(
          path.join(repoRoot, 'tools/testenv/index.mjs'),
        )});
        await loadPrometheusSamples(readFileSync(${JSON.stringify(
          file,
        )}, 'utf8'));
      `,
      ],
      { stdio: 'inherit' },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function configFor(prometheusUrl: string): MetricsConfig {
  return {
    prometheusUrl,
    queryTimeoutMs: 30_000,
    minRateWindowSeconds: 300,
    metrics: DEFAULT_METRIC_NAMES,
    labels: DEFAULT_METRIC_LABELS,
  };
}

const lastValue = (points: [number, number | null][]) =>
  [...points].reverse().find(p => p[1] !== null)?.[1] ?? null;

describe('PrometheusMetricsReader against a real Prometheus', () => {
  const prometheusUrl = process.env.WOOW_PROMETHEUS_URL;
  let reader: PrometheusMetricsReader;

  beforeAll(() => {
    if (!prometheusUrl) {
      throw new Error(
        'WOOW_PROMETHEUS_URL is not set: the test environment is not up (see tools/testenv)',
      );
    }
    loadSamples(openMetrics());
    reader = new PrometheusMetricsReader(configFor(prometheusUrl));
  });

  it.each(['1h', '24h', '7d', '30d'] as const)(
    'returns every series of the right service only for %s',
    async range => {
      const nowMs = END * 1000;
      const alloc = { vcpu: 1, ramGb: 1 };
      const a = await reader.read(SERVICES.a, range, alloc, nowMs);
      const b = await reader.read(SERVICES.b, range, alloc, nowMs);
      expect(a.series.map(s => s.name)).toEqual([
        'cpu',
        'memory',
        'diskRead',
        'diskWrite',
        'networkIn',
        'networkOut',
        'connections',
        'requests',
      ]);
      expect(a.series[0].points.length).toBeLessThanOrEqual(400);
      const value = (m: typeof a, name: string) =>
        lastValue(m.series.find(s => s.name === name)!.points);
      expect(value(a, 'cpu')).toBeCloseTo(0.25, 3);
      expect(value(b, 'cpu')).toBeCloseTo(1.5, 3);
      expect(value(a, 'memory')).toBe(200 * 2 ** 20);
      expect(value(b, 'memory')).toBe(800 * 2 ** 20);
      expect(value(a, 'networkIn')).toBeCloseTo(1000, 0);
      expect(value(a, 'networkOut')).toBeCloseTo(500, 0);
      expect(value(a, 'diskRead')).toBeCloseTo(2000, 0);
      expect(value(a, 'diskWrite')).toBeCloseTo(3000, 0);
      expect(value(a, 'connections')).toBe(3);
      expect(value(b, 'connections')).toBe(40);
      expect(value(a, 'requests')).toBeCloseTo(5, 3);
      expect(a.current.cpuPercentOfLimit).toBeCloseTo(25, 1);
      expect(a.current.memoryLimitBytes).toBe(2 ** 30);
    },
  );

  it("ends every range now, so a young service's latest samples show", async () => {
    // A minute after the last sample, at a time that is not a whole 5-minute
    // step: the 24h range (step 300 s) once ended at the last whole step.
    const now = (END + 60) % 300 === 0 ? END + 120 : END + 60;
    const metrics = await reader.read(
      SERVICES.a,
      '24h',
      { vcpu: 1, ramGb: 1 },
      now * 1000,
    );
    expect(metrics.end).toBe(now);
    const memory = metrics.series.find(s => s.name === 'memory')!.points;
    expect(memory[memory.length - 1]).toEqual([now, 200 * 2 ** 20]);
  });

  it('shows the time before the first sample as gaps', async () => {
    const metrics = await reader.read(
      SERVICES.a,
      '1h',
      { vcpu: 1, ramGb: 1 },
      (END + 1800) * 1000,
    );
    const cpu = metrics.series[0].points;
    expect(cpu[0][1]).not.toBeNull();
    // Past the last sample (plus the 5 min lookback), points are gaps.
    expect(cpu[cpu.length - 1][1]).toBeNull();
  });

  it('cannot be led to another service by a crafted release name', async () => {
    const crafted = [
      `${SERVICES.a.releaseName}-.*|${SERVICES.b.releaseName}`,
      `x"} or container_memory_working_set_bytes{namespace="${SERVICES.b.namespace}`,
      `${SERVICES.b.releaseName}\\`,
    ];
    for (const releaseName of crafted) {
      const metrics = await reader.read(
        { namespace: SERVICES.a.namespace, releaseName },
        '1h',
        { vcpu: 1, ramGb: 1 },
        END * 1000,
      );
      for (const series of metrics.series) {
        expect(series.points.every(p => p[1] === null)).toBe(true);
      }
    }
  });

  it('answers 503 when Prometheus is down', async () => {
    const server = createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise(resolve => server.close(resolve));
    const down = new PrometheusMetricsReader(
      configFor(`http://127.0.0.1:${port}`),
    );
    await expect(
      down.read(SERVICES.a, '1h', { vcpu: 1, ramGb: 1 }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: 'Metrics are unavailable: Prometheus cannot be reached',
    });
  });
});
