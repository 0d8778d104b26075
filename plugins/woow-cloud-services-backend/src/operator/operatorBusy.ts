/**
 * The operator's "busy, come back later": a 503 whose `Retry-After` says
 * when (its mutation queue is full). Such an answer is not a failure of the
 * operation: it stays pending and is tried again after that delay.
 */

/** Longest wait honoured, whatever the header says. */
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

/** Marks an operator error as "busy, retry after `seconds`". */
export function withRetryAfter<E extends Error>(
  error: E,
  seconds: number | undefined,
): E {
  if (seconds !== undefined)
    Object.assign(error, { retryAfterSeconds: seconds });
  return error;
}

/** The delay an operator error asks for, if it is a "busy, retry after" answer. */
export function retryAfterOf(error: unknown): number | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown })?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : undefined;
}
