import type { FieldError } from '../schemas/valueValidation';

// The error body both plugins send, built here once so that no route of
// either can return a stack trace, a raw body-parser message quoting the
// request, or the text of an unexpected exception. (Backstage's own error
// handler adds the stack in development mode; our routers answer errors
// themselves, with the same body shape minus the stack.)

/** Names whose 5xx messages were written by us and sanitized where needed. */
const TRUSTED_5XX = new Set([
  'ServiceUnavailableError',
  'NotImplementedError',
  'GatewayTimeoutError',
  'HelmCommandError',
  'BadGatewayError',
  // A stand-in whose message is only a reference to the server log.
  'InternalError',
]);

const STATUS_BY_NAME: Record<string, number> = {
  NotModifiedError: 304,
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

export interface SafeErrorResponse {
  status: number;
  body: {
    error: { name: string; message: string; fields?: FieldError[] };
    request: { method: string; url: string };
    response: { statusCode: number };
  };
  /** Set for a 5xx whose message was replaced: what to log (never sent). */
  logDetail?: string;
}

function statusOf(error: Record<string, unknown>): number {
  for (const field of ['statusCode', 'status']) {
    const value = error[field];
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= 400 &&
      value <= 599
    ) {
      return value;
    }
  }
  return STATUS_BY_NAME[String(error.name)] ?? 500;
}

/** The status and body to answer an error with; `ref` names it in the log. */
export function toSafeErrorResponse(
  error: unknown,
  request: { method: string; url: string },
  ref: string,
): SafeErrorResponse {
  const e = (
    typeof error === 'object' && error !== null ? error : {}
  ) as Record<string, unknown>;
  const status = statusOf(e);
  let name = typeof e.name === 'string' ? e.name : 'Error';
  let message = typeof e.message === 'string' ? e.message : String(error);
  let logDetail: string | undefined;
  // body-parser's errors (express.json()).
  if (e.type === 'entity.too.large') {
    name = 'PayloadTooLargeError';
    message = `The request body is larger than the limit of ${e.limit} bytes`;
  } else if (e.type === 'entity.parse.failed') {
    name = 'InputError';
    message = 'The request body is not valid JSON';
  } else if (typeof e.type === 'string' && e.type.startsWith('entity.')) {
    message = 'The request body could not be read';
  } else if (status >= 500 && !TRUSTED_5XX.has(name)) {
    logDetail = `${name}: ${message}`;
    name = 'Error';
    message = `Internal error (ref ${ref}; details in the server log)`;
  }
  const fields = Array.isArray(e.fields)
    ? (e.fields as FieldError[])
    : undefined;
  return {
    status,
    body: {
      error: { name, message, ...(fields ? { fields } : {}) },
      request: { method: request.method, url: request.url },
      response: { statusCode: status },
    },
    logDetail,
  };
}
