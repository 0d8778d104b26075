import express from 'express';

/**
 * Error middleware: an error that knows when asking again is worth it (a full
 * mutation queue) gets a `Retry-After` header (seconds) on its answer.
 */
export const retryAfterHeader: express.ErrorRequestHandler = (
  error,
  _req,
  res,
  next,
) => {
  const seconds = (error as { retryAfterSeconds?: unknown })?.retryAfterSeconds;
  if (
    typeof seconds === 'number' &&
    Number.isInteger(seconds) &&
    seconds > 0 &&
    !res.headersSent
  ) {
    res.setHeader('Retry-After', String(seconds));
  }
  next(error);
};
