import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { cloudServicesRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import type { ServiceCredentials } from '../services/ServiceCredentials';
import { createContractRouter } from './contractRouter';
import type { RequestLimits } from './httpBoundary';

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
 * (revealServiceCredentials in cloudServicesRoutes): a POST so that no prefetch,
 * cache or history keeps the answer; checked with
 * `woow.service.credentials.reveal` by ServiceCredentials itself.
 */
export function createCredentialsRouter(
  options: CredentialsRouterOptions,
): express.Router {
  const { httpAuth, credentials } = options;
  const { handle, router } = createContractRouter(cloudServicesRoutes, options);

  handle(
    'revealServiceCredentials',
    async ({ params }, req, res) => {
      const revealed = await credentials.reveal(
        await httpAuth.credentials(req, { allow: ['user'] }),
        params.workspaceId,
        params.serviceId,
      );
      res.setHeader('Cache-Control', 'no-store');
      return revealed;
    },
    {
      eventId: 'service-credentials-reveal',
      severityLevel: 'high',
      outcome: revealed => ({
        valueKeys: revealed.items.map(item => item.key),
      }),
    },
  );

  return router;
}
