import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { cloudServicesRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import type { ReleaseAdoption } from '../services/adoption/ReleaseAdoption';
import { createContractRouter } from './contractRouter';
import type { RequestLimits } from './httpBoundary';

export interface AdoptionRouterOptions {
  httpAuth: HttpAuthService;
  /** Every mutating route records an audit event (see audit.ts). */
  auditor: AuditorService;
  logger: LoggerService;
  requestLimits?: RequestLimits;
  adoption: ReleaseAdoption;
}

/**
 * `GET /admin/unmanaged-releases`, `POST /admin/unmanaged-releases/adopt`,
 * `.../ignore` and `.../unignore`
 * (in cloudServicesRoutes): platform administration, checked
 * with `woow.release.adopt` by ReleaseAdoption itself.
 */
export function createAdoptionRouter(
  options: AdoptionRouterOptions,
): express.Router {
  const { httpAuth, adoption } = options;
  const { handle, router } = createContractRouter(cloudServicesRoutes, options);
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  handle('listUnmanagedReleases', async (_input, req) =>
    adoption.list(await user(req)),
  );

  // Moves a release under a workspace's control: high.
  handle(
    'adoptRelease',
    async ({ body }, req) => adoption.adopt(await user(req), body),
    {
      eventId: 'release-adopt',
      severityLevel: 'high',
      meta: req => ({
        namespace: String(req.body?.namespace ?? ''),
        release: String(req.body?.releaseName ?? ''),
        workspaceId: String(req.body?.workspaceId ?? ''),
      }),
      outcome: service => ({ serviceId: service.id, state: service.state }),
    },
  );

  // Only what the list shows changes (nothing in the cluster): medium.
  const releaseMeta = (req: express.Request) => ({
    namespace: String(req.body?.namespace ?? ''),
    release: String(req.body?.releaseName ?? ''),
  });
  handle(
    'ignoreRelease',
    async ({ body }, req) => adoption.ignore(await user(req), body),
    { eventId: 'release-ignore', severityLevel: 'medium', meta: releaseMeta },
  );
  handle(
    'unignoreRelease',
    async ({ body }, req) => adoption.unignore(await user(req), body),
    { eventId: 'release-unignore', severityLevel: 'medium', meta: releaseMeta },
  );

  return router;
}
