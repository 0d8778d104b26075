import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { cloudServicesRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import type { ServiceReleaseDetails } from '../services/ServiceReleaseDetails';
import { createContractRouter } from './contractRouter';
import type { RequestLimits } from './httpBoundary';

export interface ReleaseDetailsRouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  requestLimits?: RequestLimits;
  details: ServiceReleaseDetails;
}

/**
 * Reads for viewers and up (documented in cloudServicesRoutes in -common):
 * `GET .../domains`, each domain's address and certificate, and
 * `GET .../chart-versions`, the newer versions of the service's chart.
 */
export function createReleaseDetailsRouter(
  options: ReleaseDetailsRouterOptions,
): express.Router {
  const { httpAuth, details } = options;
  const { handle, router } = createContractRouter(cloudServicesRoutes, options);
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  handle('getServiceDomains', async ({ params }, req) =>
    details.domains(await user(req), params),
  );
  handle('listNewerChartVersions', async ({ params }, req) =>
    details.chartVersions(await user(req), params),
  );

  return router;
}
