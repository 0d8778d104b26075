import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { z } from 'zod';
import { fieldErrorsFromZod, fieldErrorsSchema } from '../schemas/errors';

// How a failed call of one of our APIs reaches the caller: the single
// status-to-error mapping of the plugin family (the frontend, which shows
// Backstage's ResponseError panels, keeps the ResponseError instead).

/** The answer did not come in time. A ServiceUnavailableError by name: asking later may work. */
export class RequestTimeoutError extends ServiceUnavailableError {}

/** The answer does not match the contract: the two sides' versions may not match. */
export class UnexpectedResponseError extends ServiceUnavailableError {}

const errorBodySchema = z.object({
  error: z.object({
    name: z.string().optional(),
    message: z.string().optional(),
    fields: fieldErrorsSchema.optional(),
  }),
});

/** The first problems of a failed parse, `field: rule; ...`, for messages and logs (never values). */
export function describeZodProblems(error: z.ZodError, max = 3): string {
  return fieldErrorsFromZod(error)
    .slice(0, max)
    .map(f => `${f.field}: ${f.message}`)
    .join('; ');
}

/** Longest wait a `Retry-After` is honoured for, whatever it says. */
const MAX_RETRY_AFTER_SECONDS = 600;

/** `Retry-After` in seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(
  header: string | null | undefined,
  now: Date = new Date(),
): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  let seconds: number;
  if (/^\d+$/.test(value)) {
    seconds = Number(value);
  } else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    seconds = Math.ceil((at - now.getTime()) / 1000);
  }
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds));
}

/** Marks an error as "busy, retry after `seconds`" (what a 503 with Retry-After becomes). */
export function withRetryAfter<E extends Error>(
  error: E,
  seconds: number | undefined,
): E {
  if (seconds !== undefined)
    Object.assign(error, { retryAfterSeconds: seconds });
  return error;
}

/** The delay a "busy, retry after" answer (503 with `Retry-After`) asks for. */
export function retryAfterOf(error: unknown): number | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown })?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : undefined;
}

function errorForStatus(status: number, message: string): Error {
  switch (status) {
    case 400:
    case 422:
      return new InputError(message);
    case 401:
      return new AuthenticationError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
    case 423:
      return new ConflictError(message);
    case 501:
      return new NotImplementedError(message);
    default:
      return new ServiceUnavailableError(message);
  }
}

/** A failed answer: what the client read of it. */
export interface FailedCall {
  /** `<api> <operationId>`, the start of the message. */
  what: string;
  status: number;
  /** The parsed JSON body, if it was JSON. */
  body: unknown;
  headers: { get(name: string): string | null };
}

/**
 * The error a failed call throws: the @backstage/errors type of its status,
 * with the server's own (sanitized) message, and kept beside it the server's
 * error name (`remoteName`), the field problems of a 400 (`fields`) and the
 * delay of a 503 `Retry-After` (`retryAfterSeconds`, see retryAfterOf).
 */
export function errorOfFailedCall(call: FailedCall): Error {
  const parsed = errorBodySchema.safeParse(call.body);
  const remote = parsed.success ? parsed.data.error : undefined;
  // Our servers sanitize their messages; cap the length all the same.
  const detail = (remote?.message || `HTTP ${call.status}`).slice(0, 500);
  const error = errorForStatus(call.status, `${call.what}: ${detail}`);
  // No statusCode: a caller that answers with this error answers with the
  // status of its type, not with the other server's.
  Object.assign(error, {
    ...(remote?.name && { remoteName: remote.name }),
    ...(remote?.fields && { fields: remote.fields }),
  });
  return withRetryAfter(
    error,
    call.status === 503
      ? parseRetryAfter(call.headers.get('retry-after'))
      : undefined,
  );
}
