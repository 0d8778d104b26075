import { z } from 'zod';

/** A container of a release's pod, as the Logs tab offers it. */
export const logContainerSchema = z.object({
  name: z.string(),
  /** Init containers run (and log) before the others. */
  init: z.boolean(),
});
export type LogContainer = z.infer<typeof logContainerSchema>;

export const releasePodSchema = z.object({
  name: z.string(),
  phase: z.string(),
  /** ISO 8601; absent for a pod the API server has not stamped yet. */
  createdAt: z.string().optional(),
  containers: z.array(logContainerSchema),
});
export type ReleasePod = z.infer<typeof releasePodSchema>;

/** The pods of one release (newest first), whose logs may be read. */
export const releasePodsResponseSchema = z.object({
  pods: z.array(releasePodSchema),
});
export type ReleasePodsResponse = z.infer<typeof releasePodsResponseSchema>;

const kubeName = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    'must be a Kubernetes object name (lower case letters, digits, "-" and ".")',
  );

const queryBoolean = z
  .enum(['true', 'false'])
  .transform(v => v === 'true')
  .describe('"true" or "false"');

/** Longest tail a request may ask for: a log view, not an export. */
export const MAX_LOG_TAIL_LINES = 5000;

/**
 * Query of a logs request (operator and backend alike). The answer is
 * `text/plain` streamed as it is read: one log line per line, with its
 * RFC 3339 timestamp first when `timestamps` is true.
 */
export const podLogsQuerySchema = z
  .object({
    pod: kubeName.describe('a pod of the release (see .../pods)'),
    container: kubeName
      .max(63)
      .optional()
      .describe('a container of the pod; the first one when absent'),
    follow: queryBoolean
      .optional()
      .describe('keep the response open and send new lines as they come'),
    tailLines: z.coerce
      .number()
      .int()
      .min(0)
      .max(MAX_LOG_TAIL_LINES)
      .optional()
      .describe(`the last N lines only (at most ${MAX_LOG_TAIL_LINES})`),
    sinceSeconds: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 3600)
      .optional()
      .describe('lines of the last N seconds only'),
    timestamps: queryBoolean
      .optional()
      .describe('prefix each line with its RFC 3339 timestamp'),
  })
  .strict();
export type PodLogsQuery = z.infer<typeof podLogsQuerySchema>;
export type PodLogsQueryInput = z.input<typeof podLogsQuerySchema>;
