import { CustomErrorBase } from '@backstage/errors';

// Errors for the status codes @backstage/errors has no type for. Backstage's
// error handler takes the status code from a numeric `statusCode` field.

/** A helm call ran out of time and was stopped (504). */
export class GatewayTimeoutError extends CustomErrorBase {
  name = 'GatewayTimeoutError' as const;
  readonly statusCode = 504;
}

/**
 * The request was well formed but cannot be carried out as asked (422): a chart
 * that cannot be fetched or rendered, a manifest the cluster refuses.
 */
export class UnprocessableError extends CustomErrorBase {
  name = 'UnprocessableEntityError' as const;
  readonly statusCode = 422;
}

/** An upstream the operator needs (a chart repository or registry) cannot be reached (502). */
export class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;
  readonly statusCode = 502;
}
