import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import Router from 'express-promise-router';
import type { ReleaseAdoption } from '../services/adoption/ReleaseAdoption';
import { withHttpBoundary, type RequestLimits } from './httpBoundary';

export interface AdoptionRouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  requestLimits?: RequestLimits;
  adoption: ReleaseAdoption;
}

/**
 * `GET /admin/unmanaged-releases` and `POST /admin/unmanaged-releases/adopt`
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

  router.get('/admin/unmanaged-releases', async (req, res) => {
    res.json(await adoption.list(await user(req)));
  });

  router.post('/admin/unmanaged-releases/adopt', async (req, res) => {
    res.status(201).json(await adoption.adopt(await user(req), req.body));
  });

  return withHttpBoundary(router, options);
}
