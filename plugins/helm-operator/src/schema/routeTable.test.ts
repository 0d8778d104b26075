import { helmOperatorRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { createRouter } from '../service/router';
import { OPENAPI_YAML } from '../../scripts/openapiDocument';

/** `METHOD /path/{param}` of every route an express router holds, nested routers included. */
function routesOf(router: express.Router): string[] {
  const routes: string[] = [];
  for (const layer of (router as any).stack) {
    if (layer.handle?.stack) routes.push(...routesOf(layer.handle));
    if (!layer.route) continue;
    const path = String(layer.route.path).replace(/:([A-Za-z]+)/g, '{$1}');
    for (const method of Object.keys(layer.route.methods)) {
      routes.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return routes;
}

const table = Object.values(helmOperatorRoutes)
  .map(route => `${route.method} ${route.path}`)
  .sort();

// helmOperatorRoutes (-common) is what the backend's OperatorClient calls:
// the operator must serve and document exactly those routes.
describe('the operator route table', () => {
  it('is exactly the routes the router serves', async () => {
    const stub = {} as any;
    const router = await createRouter({
      httpAuth: stub,
      auditor: stub,
      logger: stub,
      fence: stub,
      namespaces: stub,
      quotas: stub,
      releases: stub,
      queries: stub,
      logs: stub,
      inventory: stub,
      health: stub,
    });
    const served = routesOf(router).filter(r => r !== 'GET /openapi.json');
    expect([...new Set(served)].sort()).toEqual(table);
  });

  it('is exactly the paths of openapi.yaml', () => {
    const doc = parseYaml(fs.readFileSync(OPENAPI_YAML, 'utf8'));
    const documented = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter(m => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map(m => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    expect(documented).toEqual(table);
  });
});
