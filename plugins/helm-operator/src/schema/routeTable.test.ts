import { routesOf } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import { helmOperatorRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import express from 'express';
import request from 'supertest';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createRouter } from '../service/router';

const table = Object.values(helmOperatorRoutes)
  .map(route => `${route.method} ${route.path}`)
  .sort();

/** The router with nothing behind it: enough to list and document its routes. */
function stubbedRouter() {
  const stub = {} as any;
  return createRouter({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.service(),
    }),
    auditor: mockServices.auditor.mock(),
    logger: mockServices.logger.mock(),
    fence: stub,
    namespaces: stub,
    quotas: stub,
    releases: stub,
    queries: stub,
    logs: stub,
    inventory: stub,
    health: stub,
    changes: stub,
  });
}

// helmOperatorRoutes (-common) is what the backend's OperatorClient calls:
// the operator must serve and document exactly those routes.
describe('the operator route table', () => {
  it('is exactly the routes the router serves', async () => {
    const router = await stubbedRouter();
    const served = routesOf(router).filter(r => r !== 'GET /openapi.json');
    expect([...new Set(served)].sort()).toEqual(table);
  });

  it('is exactly the paths of the served OpenAPI document', async () => {
    const router = await stubbedRouter();
    const res = await request(express().use(router)).get('/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
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
