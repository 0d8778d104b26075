import { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import crypto from 'node:crypto';
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
]);

export function safeErrors(logger: LoggerService): express.ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (error instanceof Error && KNOWN.has(error.name)) {
      next(error);
      return;
    }
    const ref = crypto.randomBytes(6).toString('hex');
    const detail =
      error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
    logger.error(`Unexpected error (ref ${ref}): ${redactSecrets(detail)}`);
    next(
      new Error(
        `Internal error in helm-operator (ref ${ref}; details in the operator log)`,
      ),
    );
  };
}
