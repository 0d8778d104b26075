import type { Config } from '@backstage/config';

/** Names of the metrics and labels queried; defaults fit cAdvisor + Traefik. */
export interface MetricNames {
  cpuSeconds: string;
  memoryWorkingSet: string;
  fsReadBytes: string;
  fsWriteBytes: string;
  networkReceiveBytes: string;
  networkTransmitBytes: string;
  openConnections: string;
  requests: string;
}

export interface MetricLabels {
  namespace: string;
  pod: string;
  container: string;
  /** The Traefik label naming the backend service (`{ns}-{ingress}-{svc}-{port}@kubernetes`). */
  ingressService: string;
}

export interface MetricsConfig {
  prometheusUrl: string;
  authHeader?: string;
  queryTimeoutMs: number;
  /** Shortest rate() window; at least four scrape intervals of your Prometheus. */
  minRateWindowSeconds: number;
  metrics: MetricNames;
  labels: MetricLabels;
}

export const DEFAULT_METRIC_NAMES: MetricNames = {
  cpuSeconds: 'container_cpu_usage_seconds_total',
  memoryWorkingSet: 'container_memory_working_set_bytes',
  fsReadBytes: 'container_fs_reads_bytes_total',
  fsWriteBytes: 'container_fs_writes_bytes_total',
  networkReceiveBytes: 'container_network_receive_bytes_total',
  networkTransmitBytes: 'container_network_transmit_bytes_total',
  openConnections: 'traefik_service_open_connections',
  requests: 'traefik_service_requests_total',
};

export const DEFAULT_METRIC_LABELS: MetricLabels = {
  namespace: 'namespace',
  pod: 'pod',
  container: 'container',
  ingressService: 'service',
};

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Reads `woowCloudServices.metrics`; undefined when no Prometheus is
 * configured (the API then answers 503 "metrics are not set up").
 * Metric and label names are checked here because they are placed in
 * queries verbatim (they come from config, never from users).
 */
export function readMetricsConfig(config: Config): MetricsConfig | undefined {
  const metrics = config.getOptionalConfig('woowCloudServices.metrics');
  const prometheusUrl = metrics?.getOptionalString('prometheusUrl');
  if (!metrics || !prometheusUrl) return undefined;

  const names = { ...DEFAULT_METRIC_NAMES };
  for (const key of Object.keys(names) as (keyof MetricNames)[]) {
    const value = metrics.getOptionalString(`metricNames.${key}`);
    if (value !== undefined) {
      if (!METRIC_NAME.test(value)) {
        throw new Error(
          `woowCloudServices.metrics.metricNames.${key} is not a valid metric name`,
        );
      }
      names[key] = value;
    }
  }
  const labels = { ...DEFAULT_METRIC_LABELS };
  for (const key of Object.keys(labels) as (keyof MetricLabels)[]) {
    const value = metrics.getOptionalString(`labelNames.${key}`);
    if (value !== undefined) {
      if (!LABEL_NAME.test(value)) {
        throw new Error(
          `woowCloudServices.metrics.labelNames.${key} is not a valid label name`,
        );
      }
      labels[key] = value;
    }
  }
  return {
    prometheusUrl: prometheusUrl.replace(/\/+$/, ''),
    authHeader: metrics.getOptionalString('authHeader'),
    queryTimeoutMs:
      (metrics.getOptionalNumber('queryTimeoutSeconds') ?? 10) * 1000,
    minRateWindowSeconds:
      metrics.getOptionalNumber('minRateWindowSeconds') ?? 300,
    metrics: names,
    labels,
  };
}
