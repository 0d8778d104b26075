import type { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import type { CatalogFeedSource } from './catalogFeed';

export interface CatalogFeedRouterOptions {
  httpAuth: HttpAuthService;
  source: CatalogFeedSource;
}

/**
 * `GET /catalog-feed/templates` and `GET /catalog-feed/services`: everything
 * the catalog needs, across all workspaces. Users never get here (their
 * lists go through the workspace-scoped routes and their permissions);
 * only service principals, such as the catalog's entity provider, do.
 */
export function createCatalogFeedRouter(
  options: CatalogFeedRouterOptions,
): express.Router {
  const { httpAuth, source } = options;
  const router = Router();

  router.get('/catalog-feed/templates', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json({ items: await source.listActiveTemplates() });
  });

  router.get('/catalog-feed/services', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json({ items: await source.listServices() });
  });

  return router;
}
