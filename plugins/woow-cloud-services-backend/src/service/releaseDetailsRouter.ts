import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import Router from 'express-promise-router';
import type { ServiceReleaseDetails } from '../services/ServiceReleaseDetails';
import { withHttpBoundary, type RequestLimits } from './httpBoundary';

export interface ReleaseDetailsRouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  requestLimits?: RequestLimits;
  details: ServiceReleaseDetails;
}

const svc = '/workspaces/:workspaceId/services/:serviceId';

/**
 * Reads for viewers and up: `GET .../domains` (each domain's certificate
 * and address: serviceDomainsResponseSchema) and `GET .../chart-versions`
 * (newer versions of the chart: chartVersionsResponseSchema).
 */
export function createReleaseDetailsRouter(
  options: ReleaseDetailsRouterOptions,
): express.Router {
  const { httpAuth, details } = options;
  const router = Router();
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get(`${svc}/domains`, async (req, res) => {
    const { workspaceId, serviceId } = req.params;
    res.json(await details.domains(await user(req), workspaceId, serviceId));
  });
  router.get(`${svc}/chart-versions`, async (req, res) => {
    const { workspaceId, serviceId } = req.params;
    res.json(
      await details.chartVersions(await user(req), workspaceId, serviceId),
    );
  });

  return withHttpBoundary(router, options);
}
