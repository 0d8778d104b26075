import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import Router from 'express-promise-router';
import { pipeline } from 'node:stream/promises';
import type { ServiceLogs } from '../services/ServiceLogs';
import { withHttpBoundary, type RequestLimits } from './httpBoundary';

export interface LogsRouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  requestLimits?: RequestLimits;
  logs: ServiceLogs;
}

const svc = '/workspaces/:workspaceId/services/:serviceId';

/**
 * `GET .../pods` and `GET .../pod-logs` of a service (`.../logs` is the
 * activity history) (documented in
 * src/schema/openapi.yaml). The log is the operator's text/plain stream
 * piped through as it arrives; the browser leaving aborts the operator
 * request, which aborts the API server's.
 */
export function createLogsRouter(options: LogsRouterOptions): express.Router {
  const { httpAuth, logs, logger } = options;
  const router = Router();
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get(`${svc}/pods`, async (req, res) => {
    res.json(
      await logs.pods(
        await user(req),
        req.params.workspaceId,
        req.params.serviceId,
      ),
    );
  });

  router.get(`${svc}/pod-logs`, async (req, res) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const body = await logs.open(
      await user(req),
      req.params.workspaceId,
      req.params.serviceId,
      req.query,
      abort.signal,
    );
    res.status(200);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    // no-transform: compression would hold lines back until its buffer fills.
    res.setHeader('Cache-Control', 'no-store, no-transform');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    try {
      await pipeline(body, res);
    } catch (error) {
      // The browser left (abort) or the operator's stream broke off: the
      // status line is sent already, so the response just ends.
      if (!abort.signal.aborted) {
        logger.warn('Log stream from the helm-operator broke off', {
          workspaceId: req.params.workspaceId,
          serviceId: req.params.serviceId,
          error: String(error),
        });
      }
      res.destroy();
    }
  });

  return withHttpBoundary(router, options);
}
