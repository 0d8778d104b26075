import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import Router from 'express-promise-router';
import type { ReleaseAdoption } from '../services/adoption/ReleaseAdoption';
import { createAuditedRoute } from './audit';
import { withHttpBoundary, type RequestLimits } from './httpBoundary';

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
 * (documented in src/schema/openapi.yaml): platform administration, checked
 * with `woow.release.adopt` by ReleaseAdoption itself.
 */
export function createAdoptionRouter(
  options: AdoptionRouterOptions,
): express.Router {
  const { httpAuth, adoption } = options;
  const router = Router();
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const audited = createAuditedRoute(options.auditor);

  router.get('/admin/unmanaged-releases', async (req, res) => {
    res.json(await adoption.list(await user(req)));
  });

  // Moves a release under a workspace's control: high.
  router.post(
    '/admin/unmanaged-releases/adopt',
    audited(
      {
        eventId: 'release-adopt',
        severityLevel: 'high',
        meta: req => ({
          namespace: String(req.body?.namespace ?? ''),
          release: String(req.body?.releaseName ?? ''),
          workspaceId: String(req.body?.workspaceId ?? ''),
        }),
      },
      async (req, res) => {
        const service = await adoption.adopt(await user(req), req.body);
        res.status(201).json(service);
        return { serviceId: service.id, state: service.state };
      },
    ),
  );

  // Only what the list shows changes (nothing in the cluster): medium.
  const releaseMeta = (req: express.Request) => ({
    namespace: String(req.body?.namespace ?? ''),
    release: String(req.body?.releaseName ?? ''),
  });
  router.post(
    '/admin/unmanaged-releases/ignore',
    audited(
      { eventId: 'release-ignore', severityLevel: 'medium', meta: releaseMeta },
      async (req, res) => {
        await adoption.ignore(await user(req), req.body);
        res.status(204).end();
      },
    ),
  );
  router.post(
    '/admin/unmanaged-releases/unignore',
    audited(
      {
        eventId: 'release-unignore',
        severityLevel: 'medium',
        meta: releaseMeta,
      },
      async (req, res) => {
        await adoption.unignore(await user(req), req.body);
        res.status(204).end();
      },
    ),
  );

  return withHttpBoundary(router, options);
}
