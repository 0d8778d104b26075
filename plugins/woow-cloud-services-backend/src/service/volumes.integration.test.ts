import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// The real operator (a lint warning: one backend plugin importing another is
// what this integration test is for).
import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import fs from 'node:fs';
import type { Knex } from 'knex';
import { woowCloudServicesPlugin } from '../plugin';
import { apiAs, type ApiClient } from '../__testUtils__/apiClient';
import {
  deleteNamespace,
  eventually,
  helmReleases,
  makeChartsDir,
  requireIntegrationEnv,
  runId,
} from '../__testUtils__/integrationEnv';
import {
  createTestDatabases,
  POSTGRES_ID,
  postgresRequired,
} from '../__testUtils__/testDatabases';
import { portalConfig } from '../__testUtils__/portalConfig';

// Changes the cluster would refuse and what deleting does to the data,
// through this plugin's HTTP API with the REAL helm-operator, real helm 4 and
// the real control plane of tools/testenv. The fixture chart with persistence
// on declares a PVC as a chart template: helm uninstall deletes it, and the
// test cluster's storage class cannot expand a bound claim.

jest.setTimeout(300_000);

const env = requireIntegrationEnv();
const OWNER = 'user:default/owner-v';
const SECRET = `pw-${runId()}-Vol9!`;

const databases = createTestDatabases();

type TestScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};

describe.each(['SQLITE_3', POSTGRES_ID] as const)(
  'refusals and volumes on %s',
  databaseId => {
    const workspaceId = `vo${runId()}`;
    const namespace = `paas-ws-${workspaceId}`;
    let knex: Knex;
    let chartsDir: string;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let owner: ApiClient;
    let base: string;

    const settled = (serviceId: string, state: string) =>
      eventually(
        async () => {
          const res = await owner.post(
            `/workspaces/${workspaceId}/services/${serviceId}/refresh`,
          );
          if (res.body.state === 'error')
            throw new Error(`error: ${res.body.errorMessage}`);
          return res.body.state === state ? res.body : undefined;
        },
        { what: `service ${serviceId} to be ${state}`, timeoutMs: 240_000 },
      );

    beforeAll(async () => {
      // Fails, never skips, when PostgreSQL is not configured (see testenv/jestGlobalSetup.cjs).
      if (!databases.supports(databaseId) || !postgresRequired()) {
        throw new Error(
          `${databaseId} is not configured for this run: run it through this package's jest setup, which maps the test environment's PostgreSQL`,
        );
      }
      knex = await databases.init(databaseId);
      chartsDir = await makeChartsDir(env);
      const scheduler = mockServices.scheduler() as TestScheduler;
      backend = await startTestBackend({
        features: [
          woowCloudServicesPlugin,
          helmOperatorPlugin,
          scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: portalConfig({
              woowCloudServices: {
                reconciler: { frequencySeconds: 1, settleTimeoutSeconds: 240 },
              },
              helmOperator: { helmBinary: env.helm, localChartsDir: chartsDir },
            }),
          }),
        ],
      });
      owner = apiAs(backend.server, OWNER);
      const ws = await owner.post('/workspaces', {
        name: 'Volumes',
        id: workspaceId,
      });
      if (ws.status !== 201) throw new Error(`workspace: ${ws.status}`);
      const res = await owner.post(`/workspaces/${workspaceId}/services`, {
        templateId: 'woow-fixture-app',
        name: 'With a volume',
        subdomain: `fv-${workspaceId}`,
        helmValues: { password: SECRET, 'persistence.enabled': true },
      });
      if (res.status !== 201) throw new Error(`deploy: ${res.status}`);
      base = `/workspaces/${workspaceId}/services/${res.body.id}`;
      await settled(res.body.id, 'running');
    });

    afterAll(async () => {
      await backend?.stop();
      await deleteNamespace(env, namespace);
      fs.rmSync(chartsDir, { recursive: true, force: true });
    });

    it('previews a volume size change the cluster would refuse, in words', async () => {
      const res = await owner.post(`${base}/preview`, {
        helmValues: { 'persistence.size': '2Gi' },
      });
      expect(res.status).toBe(200);
      expect(res.body.refusals).toEqual([
        {
          kind: 'PersistentVolumeClaim',
          name: expect.any(String),
          fields: ['spec.resources.requests.storage'],
          message: expect.stringMatching(/resize|expan/i),
        },
      ]);
    });

    it('keeps a service whose upgrade the cluster refuses running, the reason in its activity', async () => {
      const before = (await owner.get(base)).body;
      const res = await owner.patch(base, {
        version: before.version,
        helmValues: { 'persistence.size': '2Gi' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('PersistentVolumeClaim');
      const after = (await owner.get(base)).body;
      expect(after).toMatchObject({
        state: 'running',
        errorMessage: null,
        helmRevision: 1,
        helmValues: before.helmValues,
      });
      const activity = (await owner.get(`${base}/logs?type=upgrade`)).body
        .items;
      expect(activity).toContainEqual(
        expect.objectContaining({
          result: 'failure',
          message: expect.stringContaining(
            'Upgrade refused by the cluster; nothing was changed',
          ),
        }),
      );
    });

    it('says keeping data is impossible, refuses "keep data" at once with 409 and leaves the service running', async () => {
      const volumes = await owner.get(`${base}/volumes`);
      expect(volumes.body).toMatchObject({
        survivingUninstall: [],
        deletedByUninstall: [expect.any(String)],
        keepDataPossible: false,
      });
      const service = (await owner.get(base)).body;
      const refused = await owner.del(
        `${base}?deleteData=false&version=${service.version}`,
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain('deleteData=true');
      const after = (await owner.get(base)).body;
      expect(after).toMatchObject({ state: 'running', statusDetail: null });
      expect(await helmReleases(env, namespace)).toEqual([
        service.helmReleaseName,
      ]);

      const deleted = await owner.del(
        `${base}?deleteData=true&version=${after.version}`,
      );
      expect(deleted.status).toBe(202);
      expect(await helmReleases(env, namespace)).toEqual([]);
    });
  },
);
