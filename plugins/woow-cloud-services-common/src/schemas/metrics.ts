import { z } from 'zod';

export const metricsRangeSchema = z.enum(['1h', '24h', '7d', '30d']);
export type MetricsRange = z.infer<typeof metricsRangeSchema>;

export const metricUnitSchema = z.enum([
  'cores',
  'bytes',
  'bytes/s',
  'percent',
  'count',
  'req/s',
]);

/** A time series; `null` values are gaps (no sample) and are drawn as gaps. */
export const metricSeriesSchema = z.object({
  name: z.string(),
  label: z.string(),
  unit: metricUnitSchema,
  points: z.array(z.tuple([z.number(), z.number().nullable()])),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

export const serviceMetricsSchema = z.object({
  range: metricsRangeSchema,
  stepSeconds: z.number(),
  start: z.number(),
  end: z.number(),
  series: z.array(metricSeriesSchema),
  /** Latest values for the Overview (null when no sample). */
  current: z.object({
    cpuCores: z.number().nullable(),
    cpuPercentOfLimit: z.number().nullable(),
    memoryBytes: z.number().nullable(),
    memoryLimitBytes: z.number().nullable(),
    activeConnections: z.number().nullable(),
  }),
});
export type ServiceMetrics = z.infer<typeof serviceMetricsSchema>;
