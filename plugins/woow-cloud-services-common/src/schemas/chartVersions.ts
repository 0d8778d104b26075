import { z } from 'zod';

/** One version of a chart as its repository index lists it. */
export const chartVersionEntrySchema = z.object({
  version: z.string(),
  appVersion: z.string().optional(),
  /** ISO 8601, when the index says. */
  created: z.string().optional(),
  description: z.string().optional(),
});
export type ChartVersionEntry = z.infer<typeof chartVersionEntrySchema>;

/**
 * GET .../chart-versions: the versions of the deployed chart newer than the
 * deployed one, newest first, read from the chart's repository index.
 */
export const chartVersionsResponseSchema = z.object({
  chart: z.string(),
  currentVersion: z.string(),
  newer: z.array(chartVersionEntrySchema),
});
export type ChartVersionsResponse = z.infer<typeof chartVersionsResponseSchema>;
