import { CustomErrorBase } from '@backstage/errors';
import { OPERATOR_REFUSAL_ERRORS } from '@woowtech/backstage-plugin-woow-cloud-services-common';

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

/**
 * The API server would refuse objects of an upgrade (its server-side dry run
 * said so): nothing was applied, the release stays on its revision (422).
 */
export class UpgradeRefusedError extends CustomErrorBase {
  name = OPERATOR_REFUSAL_ERRORS.upgradeRefused;
  readonly statusCode = 422;
}

/** "Keep data" asked where helm's uninstall deletes the volumes itself (409, permanent). */
export class KeepDataImpossibleError extends CustomErrorBase {
  name = OPERATOR_REFUSAL_ERRORS.keepDataImpossible;
  readonly statusCode = 409;
}
