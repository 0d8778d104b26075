import { ServiceUnavailableError } from '@backstage/errors';
import type {
  MetricSeries,
  MetricsRange,
  ServiceMetrics,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { MetricsConfig } from './metricsConfig';
import { buildServiceQueries, RANGE_STEPS, type ServiceScope } from './promql';

/** What the service was given, to express usage as a share of it. */
export interface ServiceAllocation {
  vcpu: number;
  ramGb: number;
}

interface QueryRangeResponse {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: { values: [number, string][] }[] };
}

/**
 * Reads one service's metrics from the Prometheus HTTP API (query_range),
 * confined to the service's namespace and release.
 */
export class PrometheusMetricsReader {
  constructor(
    private readonly config: MetricsConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async read(
    scope: ServiceScope,
    range: MetricsRange,
    allocation: ServiceAllocation,
    nowMs: number = Date.now(),
  ): Promise<ServiceMetrics> {
    const { seconds, step } = RANGE_STEPS[range];
    // Ends now (not at the last whole step) so a young service's latest
    // samples show in every range.
    const end = Math.floor(nowMs / 1000);
    const start = end - seconds;
    const rateWindow = Math.max(4 * step, this.config.minRateWindowSeconds);
    const queries = buildServiceQueries(this.config, scope, rateWindow);

    const series: MetricSeries[] = await Promise.all(
      queries.map(async q => ({
        name: q.name,
        label: q.label,
        unit: q.unit,
        points: await this.queryRange(q.query, start, end, step),
      })),
    );

    const latest = (name: string) => {
      const points = series.find(s => s.name === name)?.points ?? [];
      for (let i = points.length - 1; i >= 0; i--) {
        if (points[i][1] !== null) return points[i][1];
      }
      return null;
    };
    const cpuCores = latest('cpu');
    const memoryBytes = latest('memory');
    return {
      range,
      stepSeconds: step,
      start,
      end,
      series,
      current: {
        cpuCores,
        cpuPercentOfLimit:
          cpuCores === null || allocation.vcpu <= 0
            ? null
            : (cpuCores / allocation.vcpu) * 100,
        memoryBytes,
        memoryLimitBytes:
          allocation.ramGb > 0 ? allocation.ramGb * 1024 ** 3 : null,
        activeConnections: latest('connections'),
      },
    };
  }

  /** One series with a point for every step; steps without a sample are gaps (null). */
  private async queryRange(
    query: string,
    start: number,
    end: number,
    step: number,
  ): Promise<[number, number | null][]> {
    const params = new URLSearchParams({
      query,
      start: String(start),
      end: String(end),
      step: String(step),
    });
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.config.authHeader) headers.Authorization = this.config.authHeader;

    let response: Response;
    try {
      response = await this.fetchImpl(
        `${this.config.prometheusUrl}/api/v1/query_range?${params}`,
        { headers, signal: AbortSignal.timeout(this.config.queryTimeoutMs) },
      );
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `did not answer within ${this.config.queryTimeoutMs / 1000} s`
          : 'cannot be reached';
      throw new ServiceUnavailableError(
        `Metrics are unavailable: Prometheus ${reason}`,
      );
    }
    const body = (await response.json().catch(() => undefined)) as
      | QueryRangeResponse
      | undefined;
    if (!response.ok || body?.status !== 'success' || !body.data) {
      throw new ServiceUnavailableError(
        `Metrics are unavailable: Prometheus answered ${response.status}${
          body?.error ? ` (${body.error})` : ''
        }`,
      );
    }

    const byTime = new Map<number, number>();
    for (const [time, value] of body.data.result[0]?.values ?? []) {
      const parsed = Number(value);
      if (Number.isFinite(parsed)) byTime.set(Math.round(time), parsed);
    }
    const points: [number, number | null][] = [];
    for (let t = start; t <= end; t += step) {
      points.push([t, byTime.get(t) ?? null]);
    }
    return points;
  }
}
