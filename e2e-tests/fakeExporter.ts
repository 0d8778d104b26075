import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * kwok pods run no containers, so nothing exports cAdvisor or Traefik
 * metrics for them. This serves what the kubelet's cAdvisor and Traefik
 * would for one pod (counters that grow at a steady rate, gauges that hold
 * still) and registers itself with the test environment's Prometheus
 * through a file_sd target file (scraped every second).
 *
 * Only job and instance come from the target; the exposed labels
 * (namespace, pod, container, service) do not clash with them, so they
 * keep their names without honor_labels.
 */

export interface PodMetricsTarget {
  namespace: string;
  pod: string;
  /** Traefik's `service` label: `{ns}-{ingress}-{svc}-{port}@kubernetes`. */
  traefikService: string;
}

/** The steady rates and levels served; what the Metrics tab should show. */
export const RATES = {
  cpuCores: 0.25,
  memoryBytes: 96 * 1024 * 1024,
  fsReadBytesPerSecond: 4 * 1024,
  fsWriteBytesPerSecond: 16 * 1024,
  rxBytesPerSecond: 64 * 1024,
  txBytesPerSecond: 32 * 1024,
  openConnections: 7,
  requestsPerSecond: 5,
};

function exposition(target: PodMetricsTarget, seconds: number): string {
  const pod = `namespace="${target.namespace}",pod="${target.pod}"`;
  const container = `container="app",${pod}`;
  const traefik = `service="${target.traefikService}"`;
  const lines: string[] = [];
  const metric = (type: string, name: string, labels: string, value: number) =>
    lines.push(`# TYPE ${name} ${type}`, `${name}{${labels}} ${value}`);
  metric(
    'counter',
    'container_cpu_usage_seconds_total',
    container,
    RATES.cpuCores * seconds,
  );
  metric(
    'gauge',
    'container_memory_working_set_bytes',
    container,
    RATES.memoryBytes,
  );
  metric(
    'counter',
    'container_fs_reads_bytes_total',
    container,
    RATES.fsReadBytesPerSecond * seconds,
  );
  metric(
    'counter',
    'container_fs_writes_bytes_total',
    container,
    RATES.fsWriteBytesPerSecond * seconds,
  );
  metric(
    'counter',
    'container_network_receive_bytes_total',
    `interface="eth0",${pod}`,
    RATES.rxBytesPerSecond * seconds,
  );
  metric(
    'counter',
    'container_network_transmit_bytes_total',
    `interface="eth0",${pod}`,
    RATES.txBytesPerSecond * seconds,
  );
  metric(
    'gauge',
    'traefik_service_open_connections',
    `entrypoint="websecure",protocol="http",${traefik}`,
    RATES.openConnections,
  );
  metric(
    'counter',
    'traefik_service_requests_total',
    `code="200",method="GET",protocol="http",${traefik}`,
    RATES.requestsPerSecond * seconds,
  );
  return `${lines.join('\n')}\n`;
}

export interface FakeExporter {
  url: string;
  /** Stops serving and removes the target file (Prometheus drops the target). */
  stop(): Promise<void>;
}

export async function startFakeExporter(
  target: PodMetricsTarget,
  name: string,
): Promise<FakeExporter> {
  const dir = process.env.WOOW_PROMETHEUS_FILE_SD_DIR;
  if (!dir) {
    throw new Error(
      'WOOW_PROMETHEUS_FILE_SD_DIR is not set: load the test environment (. ~/.local/state/woow-testenv/env)',
    );
  }
  const startedAt = Date.now();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(exposition(target, (Date.now() - startedAt) / 1000 + 100));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  // Atomically: Prometheus must never read a half-written file.
  const file = path.join(dir, `${name}.json`);
  const targets = [
    { targets: [`127.0.0.1:${port}`], labels: { source: 'woow-e2e' } },
  ];
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(targets));
  fs.renameSync(`${file}.tmp`, file);

  return {
    url: `http://127.0.0.1:${port}/metrics`,
    async stop() {
      fs.rmSync(file, { force: true });
      await new Promise(resolve => server.close(resolve));
    },
  };
}
