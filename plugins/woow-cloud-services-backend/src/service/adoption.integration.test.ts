import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// The real operator (a lint warning: one backend plugin importing another is
// what this integration test is for).
import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import { releaseAdoptPermission } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import request from 'supertest';
import { woowCloudServicesPlugin } from '../plugin';
import { apiAs, type ApiClient } from '../__testUtils__/apiClient';
import {
  deleteNamespace,
  eventually,
  helmValues,
  makeChartsDir,
  requireIntegrationEnv,
  run,
  runId,
} from '../__testUtils__/integrationEnv';
import {
  createTestDatabases,
  POSTGRES_ID,
  postgresRequired,
} from '../__testUtils__/testDatabases';
import { portalConfig } from '../__testUtils__/portalConfig';

// Adopting what exists: a release installed straight through the operator
// (no service record) is listed for a platform admin, refused to others,
// adopted, then managed like any service: an upgrade through PATCH makes the
// next revision with the adopted values, password included. Real operator,
// real helm 4, real control plane, on SQLite and on PostgreSQL; only the
// callers' identity (and who the platform admin is) is given.

jest.setTimeout(300_000);

const env = requireIntegrationEnv();
const ADMIN = 'user:default/platform-admin';
const OWNER = 'user:default/owner-a';
const SECRET = `pw-${runId()}-Zq8!`;

const databases = createTestDatabases();

type TestScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};

/** The shipped policy's answer for this permission: platform admins only; the rest is allowed. */
const permissions = mockServices.permissions.mock({
  async authorize(requests, options) {
    const principal = options.credentials.principal as {
      userEntityRef?: string;
    };
    return requests.map(r => ({
      result:
        r.permission.name === releaseAdoptPermission.name &&
        principal.userEntityRef !== ADMIN
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    }));
  },
});

describe.each(['SQLITE_3', POSTGRES_ID] as const)(
  'adopting an unmanaged release on %s',
  databaseId => {
    const workspaceId = `ad${runId()}`;
    const namespace = `paas-ws-${workspaceId}`;
    const releaseName = `${namespace}-legacy`;
    let knex: Knex;
    let chartsDir: string;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let admin: ApiClient;
    let owner: ApiClient;
    let serviceId: string;

    /** The operator's own API, as another backend plugin calls it. */
    const operator = (method: 'get' | 'post', p: string, body?: object) => {
      const req = request(backend.server)
        [method](`/api/helm-operator${p}`)
        .set('Authorization', mockCredentials.service.header());
      return body ? req.send(body) : req;
    };

    const unmanaged = async (as: ApiClient) =>
      as.get('/admin/unmanaged-releases');

    /** Reconciles through the API until the service runs at `revision`. */
    const upgraded = (base: string, revision: number) =>
      eventually(
        async () => {
          const r = await owner.post(`${base}/refresh`);
          if (r.body.state === 'error')
            throw new Error(`error: ${r.body.errorMessage}`);
          return r.body.state === 'running' && r.body.helmRevision === revision
            ? r.body
            : undefined;
        },
        { what: `revision ${revision} to run`, timeoutMs: 240_000 },
      );

    beforeAll(async () => {
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
          permissions.factory,
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
      admin = apiAs(backend.server, ADMIN);
      owner = apiAs(backend.server, OWNER);
    });

    afterAll(async () => {
      await backend?.stop();
      await deleteNamespace(env, namespace);
      fs.rmSync(chartsDir, { recursive: true, force: true });
    });

    it('has a release that no service knows about', async () => {
      expect(
        (await owner.post('/workspaces', { name: 'Adoption', id: workspaceId }))
          .status,
      ).toBe(201);
      expect(
        (await operator('post', '/namespaces', { workspaceId })).status,
      ).toBe(200);
      const installed = await operator('post', '/releases', {
        namespace,
        releaseName,
        chart: { localName: 'woow-fixture-app', version: '0.1.0' },
        values: {
          password: SECRET,
          replicaCount: 2,
          env: { GREETING: 'hello', EXTRA: 'kept' },
          podAnnotations: { team: 'legacy' },
        },
      });
      expect(installed.status).toBe(201);
      expect(installed.body).toMatchObject({ revision: 1 });
    });

    it('lists it for platform admins only', async () => {
      expect((await unmanaged(owner)).status).toBe(403);
      const res = await unmanaged(admin);
      expect(res.status).toBe(200);
      const item = res.body.items.find(
        (i: any) => i.releaseName === releaseName,
      );
      expect(item).toMatchObject({
        namespace,
        workspaceId,
        workspaceExists: true,
        chart: 'woow-fixture-app',
        chartVersion: '0.1.0',
        status: 'deployed',
        revision: 1,
        referenceId: 'legacy',
        adoptable: true,
        template: { slug: 'woow-fixture-app' },
      });
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    });

    it('refuses what breaks the rules, naming the field', async () => {
      const valid = {
        namespace,
        releaseName,
        workspaceId,
        name: 'Legacy app',
        subdomain: `legacy-${workspaceId}`,
      };
      expect(
        (await owner.post('/admin/unmanaged-releases/adopt', valid)).status,
      ).toBe(403);
      const cases: Array<[string, object]> = [
        ['workspaceId', { workspaceId: 'someone-else' }],
        ['templateId', { templateId: 'postgresql' }],
        ['releaseName', { releaseName: `${namespace}-nothing-here` }],
        ['subdomain', { subdomain: 'admin' }],
      ];
      for (const [field, change] of cases) {
        const res = await admin.post('/admin/unmanaged-releases/adopt', {
          ...valid,
          ...change,
        });
        expect({ change, status: res.status }).toEqual({ change, status: 400 });
        expect(res.body.error.fields.map((f: any) => f.field)).toContain(field);
      }
      expect(
        (await admin.get(`/workspaces/${workspaceId}/services`)).status,
      ).toBe(404); // the admin is no member; and nothing was created:
      expect(
        (await owner.get(`/workspaces/${workspaceId}/services`)).body.items,
      ).toEqual([]);
    });

    it('adopts it as a running service with its values, the password sealed', async () => {
      const res = await admin.post('/admin/unmanaged-releases/adopt', {
        namespace,
        releaseName,
        workspaceId,
        name: 'Legacy app',
        subdomain: `legacy-${workspaceId}`,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        workspaceId,
        templateSlug: 'woow-fixture-app',
        referenceId: 'legacy',
        helmReleaseName: releaseName,
        helmNamespace: namespace,
        state: 'running',
        helmRevision: 1,
        helmChartVersion: '0.1.0',
        helmValues: {
          password: { isSet: true },
          replicaCount: 2,
          'env.GREETING': 'hello',
        },
      });
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      serviceId = res.body.id;

      const logs = await owner.get(
        `/workspaces/${workspaceId}/services/${serviceId}/logs`,
      );
      expect(logs.body.items.map((e: any) => e.message)).toEqual(
        expect.arrayContaining([expect.stringMatching(`^Adopted by ${ADMIN}`)]),
      );
      const listed = await unmanaged(admin);
      expect(listed.body.items.map((i: any) => i.releaseName)).not.toContain(
        releaseName,
      );
      const again = await admin.post('/admin/unmanaged-releases/adopt', {
        namespace,
        releaseName,
        workspaceId,
        name: 'Twice',
        subdomain: `twice-${workspaceId}`,
      });
      expect(again.status).toBe(409);
    });

    it('is then managed: an upgrade keeps the adopted values and the password', async () => {
      const base = `/workspaces/${workspaceId}/services/${serviceId}`;
      const service = (await owner.get(base)).body;
      const upgrade = await owner.patch(base, {
        version: service.version,
        helmValues: { replicaCount: 1 },
      });
      expect(upgrade.status).toBe(200);
      expect(upgrade.body.state).toBe('upgrading');
      const settled = await upgraded(base, 2);
      expect(settled.helmValues).toMatchObject({
        password: { isSet: true },
        replicaCount: 1,
        'env.GREETING': 'hello',
      });
      // The adopted values (declared or not) and the password, plus the
      // defaults of the template's value specs an update fills in (the
      // fixture chart's own defaults).
      expect(await helmValues(env, namespace, releaseName)).toEqual({
        password: SECRET,
        replicaCount: 1,
        env: { GREETING: 'hello', EXTRA: 'kept' },
        podAnnotations: { team: 'legacy' },
        image: { tag: '1.0' },
        persistence: { enabled: false, size: '1Gi' },
        service: { port: 8080 },
      });
    });

    it('adopts a release installed by hand with helm (no operator record) and upgrades it', async () => {
      const byHand = `${namespace}-byhand`;
      const secret = `hand-${SECRET}`;
      const installed = await run(
        env.helm,
        [
          'install',
          byHand,
          path.join(chartsDir, 'woow-fixture-app'),
          `--namespace=${namespace}`,
          `--kube-as-user=system:serviceaccount:${namespace}:paas-deployer`,
          '--set-string',
          `password=${secret}`,
        ],
        env,
      );
      // (stderr carries the API server's PodSecurity warnings)
      expect(installed).toMatchObject({ code: 0 });
      const listed = await unmanaged(admin);
      expect(
        listed.body.items.find((i: any) => i.releaseName === byHand),
      ).toMatchObject({ adoptable: true, referenceId: 'byhand' });

      // Leaving it alone hides it (admins only), and it can come back.
      const ref = { namespace, releaseName: byHand };
      expect(
        (await owner.post('/admin/unmanaged-releases/ignore', ref)).status,
      ).toBe(403);
      expect(
        (await admin.post('/admin/unmanaged-releases/ignore', ref)).status,
      ).toBe(204);
      const hidden = (await unmanaged(admin)).body;
      expect(hidden.items.map((i: any) => i.releaseName)).not.toContain(byHand);
      expect(hidden.ignored).toEqual([
        expect.objectContaining({ ...ref, ignoredBy: ADMIN }),
      ]);
      expect(
        (await admin.post('/admin/unmanaged-releases/unignore', ref)).status,
      ).toBe(204);
      const back = (await unmanaged(admin)).body;
      expect(back.items.map((i: any) => i.releaseName)).toContain(byHand);
      expect(back.ignored).toEqual([]);
      const adopted = await admin.post('/admin/unmanaged-releases/adopt', {
        namespace,
        releaseName: byHand,
        workspaceId,
        templateId: 'woow-fixture-app',
        name: 'By hand',
        subdomain: `byhand-${workspaceId}`,
      });
      expect(adopted.status).toBe(201);
      expect(adopted.body.helmValues).toEqual({ password: { isSet: true } });
      const base = `/workspaces/${workspaceId}/services/${adopted.body.id}`;
      const upgrade = await owner.patch(base, {
        version: adopted.body.version,
        helmValues: { 'env.GREETING': 'adopted' },
      });
      expect(upgrade.status).toBe(200);
      await upgraded(base, 2);
      expect(await helmValues(env, namespace, byHand)).toMatchObject({
        password: secret,
        env: { GREETING: 'adopted' },
      });
    });
  },
);
