import { fieldValidationError } from '../schemas/errors';
import { inspectRequestBody } from './inputKeys';
import { toSafeErrorResponse } from './errorResponse';

// Express middleware of both backend plugins, typed structurally so that
// this browser-safe package does not depend on express. Body parsing itself
// (express.json with a size limit) stays in each router.

interface GuardRequest {
  body?: unknown;
  method: string;
  url: string;
}

interface GuardResponse {
  headersSent: boolean;
  status(code: number): { json(body: unknown): unknown };
}

type Next = (error?: unknown) => void;

/**
 * Refuses a parsed JSON body that nests deeper than `maxDepth` or carries a
 * forbidden key anywhere (400 naming the path), before any route sees it.
 */
export function requestBodyGuard(options: { maxDepth?: number } = {}) {
  return (req: GuardRequest, _res: unknown, next: Next) => {
    const problem = inspectRequestBody(req.body, options);
    next(problem ? fieldValidationError([problem]) : undefined);
  };
}

/**
 * The last error handler of a router: answers with Backstage's error body
 * shape, never a stack trace (in any NODE_ENV), and replaces the message of
 * an unexpected 5xx by a reference that `logError` receives with the detail.
 */
export function safeErrorResponder(
  logError: (message: string, status: number) => void,
) {
  return (
    error: unknown,
    req: GuardRequest,
    res: GuardResponse,
    next: Next,
  ) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const ref = Math.random().toString(16).slice(2, 10);
    const answer = toSafeErrorResponse(error, req, ref);
    if (answer.status >= 500) {
      logError(
        answer.logDetail
          ? `Unexpected error (ref ${ref}): ${answer.logDetail}`
          : `Request failed with status ${answer.status}: ${answer.body.error.message}`,
        answer.status,
      );
    }
    res.status(answer.status).json(answer.body);
  };
}
