import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import request from 'supertest';
import { apiAs } from '../__testUtils__/apiClient';
import {
  deleteNamespace,
  helmReleases,
  makeChartsDir,
  requireIntegrationEnv,
  runId,
} from '../__testUtils__/integrationEnv';
import { woowCloudServicesPlugin } from '../plugin';
import { portalConfig } from '../__testUtils__/portalConfig';

// A deploy that does not fit what the workspace's ResourceQuota has left is
// refused up front, with the real operator reading the real quota.

jest.setTimeout(300_000);

const env = requireIntegrationEnv();
const OWNER = 'user:default/quota-owner';

describe('the workspace quota', () => {
  let chartsDir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const namespaces: string[] = [];

  beforeAll(async () => {
    chartsDir = await makeChartsDir(env);
    backend = await startTestBackend({
      features: [
        woowCloudServicesPlugin,
        helmOperatorPlugin,
        mockServices.rootConfig.factory({
          data: portalConfig({
            helmOperator: {
              helmBinary: env.helm,
              localChartsDir: chartsDir,
              // Less CPU than Metabase's minimum (1 vCPU).
              quota: { defaults: { requestsCpu: '500m' } },
            },
          }),
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    for (const ns of namespaces) await deleteNamespace(env, ns);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('refuses a deploy beyond what is left, naming the quota, and creates nothing', async () => {
    const owner = apiAs(backend.server, OWNER);
    const ws = await owner.post('/workspaces', { name: `Quota ${runId()}` });
    expect(ws.status).toBe(201);
    const namespace = ws.body.namespace;
    namespaces.push(namespace);
    // The namespace and its quota exist as after a first deploy.
    const ensured = await request(backend.server)
      .post('/api/helm-operator/namespaces')
      .set('Authorization', mockCredentials.service.header())
      .send({ workspaceId: ws.body.id });
    expect(ensured.status).toBe(200);
    expect(ensured.body.quota.requestsCpu).toBe('500m');

    const refused = await owner.post(`/workspaces/${ws.body.id}/services`, {
      // A web app (Redis takes no subdomain), 1 vCPU at least.
      templateId: 'metabase',
      name: 'Too big',
      subdomain: `qb-${ws.body.id}`,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /Quota exceeded .*requests\.cpu needs 1 vCPU, 0\.5 vCPU left of 0\.5 vCPU/,
    );
    expect(
      (await owner.get(`/workspaces/${ws.body.id}/services`)).body.items,
    ).toEqual([]);
    expect(await helmReleases(env, namespace)).toEqual([]);
    const subdomain = await owner.get(
      `/subdomains/qb-${ws.body.id}/availability`,
    );
    expect(subdomain.body).toMatchObject({ available: true });
  });
});
