import { routesOf } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import { helmOperatorRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { createRouter } from '../service/router';
import { OPENAPI_YAML } from '../../scripts/openapiDocument';

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
