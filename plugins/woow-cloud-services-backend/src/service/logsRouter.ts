import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { cloudServicesRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import { pipeline } from 'node:stream/promises';
import type { ServiceLogs } from '../services/ServiceLogs';
import { createContractRouter } from './contractRouter';
import type { RequestLimits } from './httpBoundary';

export interface LogsRouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  requestLimits?: RequestLimits;
  logs: ServiceLogs;
}

/**
 * `GET .../pods` and `GET .../pod-logs` of a service (`.../logs` is the
 * activity history) (documented in
 * cloudServicesRoutes in -common). The log is the operator's text/plain stream
 * piped through as it arrives; the browser leaving aborts the operator
 * request, which aborts the API server's.
 */
export function createLogsRouter(options: LogsRouterOptions): express.Router {
  const { httpAuth, logs, logger } = options;
  const { handle, router } = createContractRouter(cloudServicesRoutes, options);
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  handle('listServicePods', async ({ params }, req) =>
    logs.pods(await user(req), params.workspaceId, params.serviceId),
  );

  // The query was checked by the contract; ServiceLogs reads it again itself.
  handle('streamServicePodLogs', async (_input, req, res) => {
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

  return router;
}
