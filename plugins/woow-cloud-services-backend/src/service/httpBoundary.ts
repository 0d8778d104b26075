import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  DEFAULT_MAX_JSON_DEPTH,
  requestBodyGuard,
  safeErrorResponder,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import express from 'express';

/** woowCloudServices.http.* with defaults (documented in config.d.ts). */
export interface RequestLimits {
  /** Bodies above this are refused with 413 (bytes, or "1mb" etc.). */
  maxBodySize: number | string;
  /** JSON nested deeper than this is refused with 400. */
  maxJsonDepth: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxBodySize: '1mb',
  maxJsonDepth: DEFAULT_MAX_JSON_DEPTH,
};

export function readRequestLimits(config: Config): RequestLimits {
  const http = config.getOptionalConfig('woowCloudServices.http');
  const maxJsonDepth =
    http?.getOptionalNumber('maxJsonDepth') ??
    DEFAULT_REQUEST_LIMITS.maxJsonDepth;
  if (!Number.isInteger(maxJsonDepth) || maxJsonDepth < 2) {
    throw new Error(
      'Invalid config woowCloudServices.http.maxJsonDepth: an integer >= 2',
    );
  }
  return {
    maxBodySize:
      http?.getOptional<number | string>('maxBodySize') ??
      DEFAULT_REQUEST_LIMITS.maxBodySize,
    maxJsonDepth,
  };
}

/**
 * Wraps the plugin's routes: JSON bodies are parsed here (size limit -> 413),
 * refused when too deep or carrying a prototype key (400 naming the path),
 * and every error is answered without a stack trace, in any NODE_ENV.
 */
export function withHttpBoundary(
  routes: express.Router,
  options: { logger: LoggerService; requestLimits?: RequestLimits },
): express.Router {
  const limits = options.requestLimits ?? DEFAULT_REQUEST_LIMITS;
  const outer = express.Router();
  outer.use(express.json({ limit: limits.maxBodySize }));
  outer.use(requestBodyGuard({ maxDepth: limits.maxJsonDepth }));
  outer.use(routes);
  outer.use(safeErrorResponder(message => options.logger.error(message)));
  return outer;
}
