import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import Router from 'express-promise-router';
import type { ServiceCredentials } from '../services/ServiceCredentials';
import { createAuditedRoute } from './audit';
import { withHttpBoundary, type RequestLimits } from './httpBoundary';

export interface CredentialsRouterOptions {
  httpAuth: HttpAuthService;
  /** Every reveal is a high audit event naming the keys, never the values. */
  auditor: AuditorService;
  logger: LoggerService;
  requestLimits?: RequestLimits;
  credentials: ServiceCredentials;
}

/**
 * `POST /workspaces/{workspaceId}/services/{serviceId}/credentials/reveal`
 * (documented in src/schema/openapi.yaml): a POST so that no prefetch,
 * cache or history keeps the answer; checked with
 * `woow.service.credentials.reveal` by ServiceCredentials itself.
 */
export function createCredentialsRouter(
  options: CredentialsRouterOptions,
): express.Router {
  const { httpAuth, credentials } = options;
  const router = Router();
  const audited = createAuditedRoute(options.auditor);

  router.post(
    '/workspaces/:workspaceId/services/:serviceId/credentials/reveal',
    audited(
      { eventId: 'service-credentials-reveal', severityLevel: 'high' },
      async (req, res) => {
        const revealed = await credentials.reveal(
          await httpAuth.credentials(req, { allow: ['user'] }),
          req.params.workspaceId,
          req.params.serviceId,
        );
        res.setHeader('Cache-Control', 'no-store');
        res.json(revealed);
        return { valueKeys: revealed.items.map(item => item.key) };
      },
    ),
  );

  return withHttpBoundary(router, options);
}
