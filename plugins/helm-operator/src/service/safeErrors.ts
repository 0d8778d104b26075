import { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import crypto from 'node:crypto';
import {
  OPERATOR_REFUSAL_ERRORS,
  safeErrorResponder,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { redactSecrets } from '../sanitize';

/**
 * Errors whose messages the operator wrote itself (sanitized where they quote
 * helm or the API server). Anything else, e.g. a raw client-node exception
 * carrying response headers, is replaced before Backstage's error handler
 * serialises it.
 */
const KNOWN = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'ServiceUnavailableError',
  'GatewayTimeoutError',
  'UnprocessableEntityError',
  'HelmCommandError',
  'BadGatewayError',
  'NotImplementedError',
  ...Object.values(OPERATOR_REFUSAL_ERRORS),
]);

function isBodyParserError(error: Error): boolean {
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' && type.startsWith('entity.');
}

/**
 * The router's last error handler: answers every error itself (Backstage's
 * handler would add a stack trace in development), with the message of a
 * known error, or a reference to the log for anything else.
 */
export function safeErrors(logger: LoggerService): express.ErrorRequestHandler {
  const respond = safeErrorResponder(message =>
    logger.error(redactSecrets(message)),
  );
  return (error, req, res, next) => {
    if (
      error instanceof Error &&
      (KNOWN.has(error.name) || isBodyParserError(error))
    ) {
      respond(error, req, res, next);
      return;
    }
    const ref = crypto.randomBytes(6).toString('hex');
    const detail =
      error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
    logger.error(`Unexpected error (ref ${ref}): ${redactSecrets(detail)}`);
    const standIn = new Error(
      `Internal error in helm-operator (ref ${ref}; details in the operator log)`,
    );
    standIn.name = 'InternalError';
    respond(standIn, req, res, next);
  };
}
