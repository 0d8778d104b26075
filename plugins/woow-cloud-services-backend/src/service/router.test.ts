import type express from 'express';
import { createCatalogFeedRouter } from '../catalog';
import { loadOpenApiDocument } from '../schema/openapiDocument';
import { createAdoptionRouter } from './adoptionRouter';
import { createCredentialsRouter } from './credentialsRouter';
import { createLogsRouter } from './logsRouter';
import { createRouter } from './router';

/** `METHOD /path/{param}` of every route an express router holds. */
function routesOf(router: express.Router): string[] {
  const routes: string[] = [];
  for (const layer of (router as any).stack) {
    // The routes sit inside the HTTP boundary's router.
    if (layer.handle?.stack) routes.push(...routesOf(layer.handle));
    if (!layer.route) continue;
    const path = String(layer.route.path).replace(/:([A-Za-z]+)/g, '{$1}');
    for (const method of Object.keys(layer.route.methods)) {
      routes.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return routes.sort();
}

describe('the OpenAPI document', () => {
  it('describes exactly the routes the router serves', async () => {
    const router = await createRouter({
      httpAuth: {} as any,
      auditor: {} as any,
      logger: {} as any,
      marketplace: {} as any,
      workspaces: {} as any,
      lifecycle: {} as any,
      updater: {} as any,
      views: {} as any,
      customDomains: {} as any,
      settings: {} as any,
    });
    // plugin.ts mounts these routers on the plugin's base path.
    const feed = createCatalogFeedRouter({
      httpAuth: {} as any,
      source: {} as any,
    });
    const adoption = createAdoptionRouter({
      httpAuth: {} as any,
      auditor: {} as any,
      logger: {} as any,
      adoption: {} as any,
    });
    const logs = createLogsRouter({
      httpAuth: {} as any,
      logger: {} as any,
      logs: {} as any,
    });
    const credentials = createCredentialsRouter({
      httpAuth: {} as any,
      auditor: {} as any,
      logger: {} as any,
      credentials: {} as any,
    });
    const served = [
      ...routesOf(router),
      ...routesOf(credentials),
      ...routesOf(feed),
      ...routesOf(adoption),
      ...routesOf(logs),
    ]
      .filter(r => !r.endsWith(' /openapi.json'))
      .sort();
    const doc = loadOpenApiDocument();
    const documented = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter(m => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map(m => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    expect(served).toEqual(documented);
  });
});
