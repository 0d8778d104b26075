import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { cloudServicesRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import { createContractRouter } from '../service/contractRouter';
import type { CatalogFeedSource } from './catalogFeed';

export interface CatalogFeedRouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  source: CatalogFeedSource;
}

/**
 * `GET /catalog-feed/templates` and `GET /catalog-feed/services` (all, or the
 * changes since a cursor): everything the catalog needs, across all workspaces. Users never get here (their
 * lists go through the workspace-scoped routes and their permissions);
 * only service principals, such as the catalog's entity provider, do.
 */
export function createCatalogFeedRouter(
  options: CatalogFeedRouterOptions,
): express.Router {
  const { httpAuth, source } = options;
  const { handle, router } = createContractRouter(cloudServicesRoutes, options);
  const service = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['service'] });

  handle('listCatalogFeedTemplates', async (_input, req) => {
    await service(req);
    return { items: await source.listActiveTemplates() };
  });

  handle('listCatalogFeedServices', async ({ query }, req) => {
    await service(req);
    return source.listServices(query.since ? new Date(query.since) : undefined);
  });

  return router;
}
