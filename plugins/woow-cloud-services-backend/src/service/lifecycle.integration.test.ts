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
import { RECONCILER_TASK_ID, woowCloudServicesPlugin } from '../plugin';
import { apiAs, type ApiClient } from '../__testUtils__/apiClient';
import {
  deleteNamespace,
  eventually,
  helmReleases,
  helmValues,
  makeChartsDir,
  namespaceExists,
  requireIntegrationEnv,
  run,
  runId,
} from '../__testUtils__/integrationEnv';
import {
  createTestDatabases,
  POSTGRES_ID,
  postgresRequired,
} from '../__testUtils__/testDatabases';
import { portalConfig, TEST_BASE_DOMAIN } from '../__testUtils__/portalConfig';

// The whole flow through this plugin's HTTP API, with the REAL helm-operator
// plugin, real helm 4 and the real control plane of tools/testenv, once on
// SQLite and once on PostgreSQL. No part of the flow is mocked but the
// identity of the callers.

jest.setTimeout(300_000);

const env = requireIntegrationEnv();
const OWNER = 'user:default/owner-a';
const MEMBER = 'user:default/member-c';
const VIEWER = 'user:default/viewer-b';
const STRANGER = 'user:default/stranger-d';
const SECRET = `pw-${runId()}-Zq8!`;

const databases = createTestDatabases();

/** The mock scheduler is typed as a plain SchedulerService; it is more. */
type TestScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};

describe.each(['SQLITE_3', POSTGRES_ID] as const)(
  'the service lifecycle on %s',
  databaseId => {
    const workspaceId = `lc${runId()}`;
    const namespace = `paas-ws-${workspaceId}`;
    let knex: Knex;
    let chartsDir: string;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let scheduler: TestScheduler;
    let owner: ApiClient;
    let member: ApiClient;
    let viewer: ApiClient;
    let stranger: ApiClient;

    async function startBackend() {
      scheduler = mockServices.scheduler() as TestScheduler;
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
                metrics: { prometheusUrl: process.env.WOOW_PROMETHEUS_URL },
              },
              helmOperator: { helmBinary: env.helm, localChartsDir: chartsDir },
            }),
          }),
        ],
      });
      owner = apiAs(backend.server, OWNER);
      member = apiAs(backend.server, MEMBER);
      viewer = apiAs(backend.server, VIEWER);
      stranger = apiAs(backend.server, STRANGER);
    }

    /** Reconciles through the API until the service settles in `state`. */
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
      await startBackend();
    });

    afterAll(async () => {
      await backend?.stop();
      await deleteNamespace(env, namespace);
      fs.rmSync(chartsDir, { recursive: true, force: true });
    });

    let serviceId: string;
    let releaseName: string;

    it('sets up a workspace with members of every role', async () => {
      const ws = await owner.post('/workspaces', {
        name: 'Lifecycle',
        id: workspaceId,
      });
      expect(ws.status).toBe(201);
      for (const [userRef, role] of [
        [MEMBER, 'member'],
        [VIEWER, 'viewer'],
      ]) {
        expect(
          (
            await owner.post(`/workspaces/${workspaceId}/members`, {
              userRef,
              role,
            })
          ).status,
        ).toBe(201);
      }
    });

    it('refuses bad input of every kind naming the field, creating no row, namespace or release', async () => {
      const valid = {
        templateId: 'woow-fixture-app',
        name: 'Fixture',
        subdomain: `ok-${workspaceId}`,
        helmValues: { password: SECRET },
      };
      const cases: Array<[string, object]> = [
        ['helmValues.password', { helmValues: {} }],
        ['helmValues.password', { helmValues: { password: 'short' } }],
        [
          'helmValues.replicaCount',
          { helmValues: { password: SECRET, replicaCount: 'two' } },
        ],
        [
          'helmValues.replicaCount',
          { helmValues: { password: SECRET, replicaCount: 9 } },
        ],
        [
          'helmValues.persistence.size',
          { helmValues: { password: SECRET, 'persistence.size': '3Gi' } },
        ],
        [
          'helmValues.persistence.enabled',
          { helmValues: { password: SECRET, 'persistence.enabled': 'yes' } },
        ],
        [
          'helmValues.image.tag',
          { helmValues: { password: SECRET, 'image.tag': 'bad tag!' } },
        ],
        [
          'helmValues.image.repository',
          {
            helmValues: { password: SECRET, 'image.repository': 'evil/image' },
          },
        ],
        [
          'helmValues.env',
          { helmValues: { password: SECRET, env: { nested: true } } },
        ],
        ['subdomain', { subdomain: 'Bad_Subdomain' }],
        ['subdomain', { subdomain: 'admin' }],
        ['name', { name: '' }],
        ['templateId', { templateId: 'no-such-app' }],
        ['referenceId', { referenceId: 'x'.repeat(30) }],
      ];
      for (const [field, change] of cases) {
        const res = await member.post(`/workspaces/${workspaceId}/services`, {
          ...valid,
          ...change,
        });
        expect({ change, status: res.status }).toEqual({ change, status: 400 });
        expect(res.body.error.fields.map((f: any) => f.field)).toContain(field);
      }
      expect(
        (await owner.get(`/workspaces/${workspaceId}/services`)).body.items,
      ).toEqual([]);
      expect(
        await knex('cloud_services').where({ workspace_id: workspaceId }),
      ).toEqual([]);
      expect(await namespaceExists(env, namespace)).toBe(false);
    });

    it('lets viewers and strangers deploy nothing', async () => {
      const body = {
        templateId: 'woow-fixture-app',
        name: 'x',
        subdomain: `v-${workspaceId}`,
        helmValues: { password: SECRET },
      };
      expect(
        (await viewer.post(`/workspaces/${workspaceId}/services`, body)).status,
      ).toBe(403);
      expect(
        (await stranger.post(`/workspaces/${workspaceId}/services`, body))
          .status,
      ).toBe(404);
      expect(
        (await stranger.get(`/workspaces/${workspaceId}/services`)).status,
      ).toBe(404);
    });

    it('deploys the fixture chart: pending, deploying, then running', async () => {
      const res = await member.post(`/workspaces/${workspaceId}/services`, {
        templateId: 'woow-fixture-app',
        name: 'My Fixture',
        subdomain: `fx-${workspaceId}`,
        helmValues: { password: SECRET, 'env.GREETING': 'hello' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        state: 'deploying',
        helmNamespace: namespace,
        helmValues: {
          password: { isSet: true },
          'env.GREETING': 'hello',
          replicaCount: 1,
        },
        deploymentId: expect.stringMatching(/^#\d{4,}$/),
        referenceId: expect.stringMatching(/^woow-fixture-app-[a-z0-9]{5}$/),
      });
      serviceId = res.body.id;
      releaseName = res.body.helmReleaseName;
      expect(releaseName.length).toBeLessThanOrEqual(53);

      // The scheduled task works from the database like the refresh does.
      await scheduler.triggerTask(RECONCILER_TASK_ID);
      const running = await settled(serviceId, 'running');
      expect(running).toMatchObject({
        helmRevision: 1,
        errorMessage: null,
        deployedAt: expect.any(String),
      });
      expect(await helmReleases(env, namespace)).toEqual([releaseName]);
      // The password reached helm, decrypted, and nothing else got it.
      expect(await helmValues(env, namespace, releaseName)).toMatchObject({
        password: SECRET,
        env: { GREETING: 'hello' },
      });

      const status = await viewer.get(
        `/workspaces/${workspaceId}/services/${serviceId}/status`,
      );
      expect(status.body).toMatchObject({
        online: true,
        release: { state: 'running', revision: 1 },
      });

      // Metrics come from the real Prometheus, confined to this release: kwok
      // pods export no cAdvisor samples, so every series is there and empty.
      const metrics = await viewer.get(
        `/workspaces/${workspaceId}/services/${serviceId}/metrics?range=24h`,
      );
      expect(metrics.status).toBe(200);
      expect(metrics.body).toMatchObject({ range: '24h', stepSeconds: 300 });
      expect(metrics.body.series.map((s: { name: string }) => s.name)).toEqual([
        'cpu',
        'memory',
        'diskRead',
        'diskWrite',
        'networkIn',
        'networkOut',
        'connections',
        'requests',
      ]);
      expect(
        (
          await viewer.get(
            `/workspaces/${workspaceId}/services/${serviceId}/metrics?range=2y`,
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await stranger.get(
            `/workspaces/${workspaceId}/services/${serviceId}/metrics`,
          )
        ).status,
      ).toBe(404);
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const current = (
        await owner.get(`/workspaces/${workspaceId}/services/${serviceId}`)
      ).body;
      const stale = await member.patch(
        `/workspaces/${workspaceId}/services/${serviceId}`,
        {
          version: current.version - 1,
          name: 'Stale write',
          helmValues: { replicaCount: 3 },
        },
      );
      expect(stale.status).toBe(409);
      const after = (
        await owner.get(`/workspaces/${workspaceId}/services/${serviceId}`)
      ).body;
      expect(after).toEqual(current);
      expect(await helmReleases(env, namespace)).toEqual([releaseName]);
    });

    it('upgrades values (revision 2), previews, rolls back (revision 3) and renames', async () => {
      const base = `/workspaces/${workspaceId}/services/${serviceId}`;
      let service = (await owner.get(base)).body;
      expect(
        (
          await viewer.patch(base, {
            version: service.version,
            helmValues: { replicaCount: 2 },
          })
        ).status,
      ).toBe(403);

      const upgrade = await member.patch(
        base,
        { helmValues: { replicaCount: 2 } },
        { 'If-Match': `"${service.version}"` },
      );
      expect(upgrade.status).toBe(200);
      expect(upgrade.body).toMatchObject({
        state: 'upgrading',
        droppedValues: [],
      });
      service = await settled(serviceId, 'running');
      expect(service).toMatchObject({
        helmRevision: 2,
        helmValues: { replicaCount: 2, password: { isSet: true } },
      });
      expect(await helmValues(env, namespace, releaseName)).toMatchObject({
        replicaCount: 2,
        password: SECRET,
      });

      const preview = await member.post(`${base}/preview`, {
        helmValues: { replicaCount: 3 },
      });
      expect(preview.status).toBe(200);
      expect(preview.body.values).toEqual([
        { key: 'replicaCount', change: 'changed', from: 2, to: 3 },
      ]);
      expect(preview.body.manifestDiff).toContain('replicas: 3');
      expect((await owner.get(base)).body.helmRevision).toBe(2);

      const revisions = await viewer.get(`${base}/revisions`);
      expect(revisions.body).toMatchObject({ currentRevision: 2 });
      expect(revisions.body.items.map((r: any) => r.revision)).toEqual([2, 1]);

      const rollback = await member.post(`${base}/rollback`, {
        revision: 1,
        version: service.version,
      });
      expect(rollback.body).toMatchObject({
        state: 'rolling_back',
        helmValues: { replicaCount: 1 },
      });
      service = await settled(serviceId, 'running');
      expect(service).toMatchObject({
        helmRevision: 3,
        helmValues: { replicaCount: 1 },
      });
      expect(await helmValues(env, namespace, releaseName)).toMatchObject({
        replicaCount: 1,
      });

      const renamed = await member.patch(base, {
        version: service.version,
        name: 'Renamed Fixture',
      });
      expect(renamed.body).toMatchObject({
        name: 'Renamed Fixture',
        state: 'running',
        helmRevision: 3,
      });
    });

    it('stores a custom domain as waiting for DNS, not yet on the Ingress', async () => {
      const base = `/workspaces/${workspaceId}/services/${serviceId}`;
      const service = (await owner.get(base)).body;
      const domain = `app.${workspaceId}.example.org`;
      const res = await member.patch(base, {
        version: service.version,
        customDomain: domain,
      });
      expect(res.body).toMatchObject({
        customDomain: domain,
        customDomainVerification: { domain, state: 'pending' },
        state: 'running',
        helmRevision: 3,
      });
      // Served only once DNS proves it (customDomains.integration.test.ts).
      const ingress = await run(
        env.kubectl,
        ['get', 'ingress', releaseName, '-n', namespace, '-o', 'json'],
        env,
      );
      const hosts = JSON.parse(ingress.stdout).spec.rules.map(
        (r: any) => r.host,
      );
      expect(hosts).toEqual([`fx-${workspaceId}.${TEST_BASE_DOMAIN}`]);
    });

    it('changes nothing when the operator refuses an upgrade outright', async () => {
      const base = `/workspaces/${workspaceId}/services/${serviceId}`;
      const before = (await owner.get(base)).body;
      const res = await member.patch(base, {
        version: before.version,
        chartVersion: '9.9.9',
      });
      expect([400, 404]).toContain(res.status);
      const after = (await owner.get(base)).body;
      expect(after).toMatchObject({
        state: 'running',
        helmChartVersion: before.helmChartVersion,
        helmRevision: before.helmRevision,
        helmValues: before.helmValues,
        errorMessage: null,
      });
    });

    it('lists the newer chart version and previews an upgrade to it keeping the values', async () => {
      const base = `/workspaces/${workspaceId}/services/${serviceId}`;
      const versions = await viewer.get(`${base}/chart-versions`);
      expect(versions.status).toBe(200);
      expect(versions.body).toEqual({
        chart: 'woow-fixture-app',
        currentVersion: '0.1.0',
        newer: [expect.objectContaining({ version: '0.2.0' })],
      });
      const preview = await member.post(`${base}/preview`, {
        chartVersion: '0.2.0',
      });
      expect(preview.status).toBe(200);
      expect(JSON.stringify(preview.body)).not.toContain(SECRET);
    });

    it('tells each domain with its certificate state and address', async () => {
      const base = `/workspaces/${workspaceId}/services/${serviceId}`;
      const res = await viewer.get(`${base}/domains`);
      expect(res.status).toBe(200);
      const host = `fx-${workspaceId}.${TEST_BASE_DOMAIN}`;
      // The test portal names a preset TLS Secret that no namespace has: in
      // mode none that is Traefik's default certificate, https as the
      // platform asserts (hostUrl), the state still pending.
      expect(res.body).toEqual({
        mode: 'none',
        domains: [
          {
            host,
            url: `https://${host}`,
            tls: { state: 'pending', message: expect.any(String) },
          },
        ],
      });
    });

    it('upgrades the chart version keeping the values', async () => {
      const base = `/workspaces/${workspaceId}/services/${serviceId}`;
      const service = (await owner.get(base)).body;
      const res = await member.patch(base, {
        version: service.version,
        chartVersion: '0.2.0',
      });
      expect(res.status).toBe(200);
      const after = await settled(serviceId, 'running');
      expect(after).toMatchObject({
        helmChartVersion: '0.2.0',
        helmRevision: 4,
      });
      expect(await helmValues(env, namespace, releaseName)).toMatchObject({
        password: SECRET,
        env: { GREETING: 'hello' },
        replicaCount: 1,
      });
    });

    it('records the activity, filterable by type and text', async () => {
      const base = `/workspaces/${workspaceId}/services/${serviceId}`;
      const all = (await viewer.get(`${base}/logs`)).body.items;
      expect(all.map((e: any) => e.type)).toEqual(
        expect.arrayContaining([
          'create',
          'deploy',
          'state_change',
          'upgrade',
          'rollback',
          'rename',
          'domain',
        ]),
      );
      expect(all[0].createdAt >= all[all.length - 1].createdAt).toBe(true);
      // A transition is only shown where the state really changed (the UI
      // once listed "Upgrading -> Upgrading" for a step within one state).
      expect(
        all.filter(
          (e: any) => e.fromState !== null && e.fromState === e.toState,
        ),
      ).toEqual([]);
      const upgrades = (await viewer.get(`${base}/logs?type=upgrade`)).body
        .items;
      expect(upgrades.length).toBeGreaterThan(0);
      expect(upgrades.map((e: any) => e.message)).toContainEqual(
        expect.stringContaining('chart upgraded 0.1.0 -> 0.2.0'),
      );
      expect(upgrades.every((e: any) => e.type === 'upgrade')).toBe(true);
      const renames = (await viewer.get(`${base}/logs?search=renamed`)).body
        .items;
      expect(renames).toEqual([
        expect.objectContaining({ type: 'rename', actor: MEMBER }),
      ]);
      const future = (
        await viewer.get(
          `${base}/logs?from=${encodeURIComponent(
            new Date(Date.now() + 60_000).toISOString(),
          )}`,
        )
      ).body;
      expect(future.items).toEqual([]);
    });

    it('picks up a deploy after a backend restart mid-deploy', async () => {
      const res = await member.post(`/workspaces/${workspaceId}/services`, {
        templateId: 'woow-fixture-app',
        name: 'Restarted',
        subdomain: `rs-${workspaceId}`,
        helmValues: { password: SECRET },
      });
      expect(res.body.state).toBe('deploying');
      await backend.stop();
      await startBackend();
      const running = await settled(res.body.id, 'running');
      expect(running.helmRevision).toBe(1);
    });

    it('never returns a password nor stores one in clear', async () => {
      const base = `/workspaces/${workspaceId}/services/${serviceId}`;
      const responses = await Promise.all([
        owner.get(`/workspaces/${workspaceId}/services`),
        owner.get(base),
        owner.get(`${base}/logs`),
        owner.get(`${base}/revisions`),
        owner.get(`${base}/status`),
        member.post(`${base}/preview`, { helmValues: { replicaCount: 2 } }),
      ]);
      for (const res of responses) {
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain(SECRET);
      }
      const tables = ['cloud_services', 'service_revisions', 'service_events'];
      for (const table of tables) {
        const rows = await knex(table).select();
        expect(rows.length).toBeGreaterThan(0);
        expect(JSON.stringify(rows)).not.toContain(SECRET);
      }
      const row = await knex('cloud_services').where({ id: serviceId }).first();
      expect(row.helm_secrets).toMatch(/^v1\./);
    });

    it('deletes: admins only, helm uninstall, the row kept as deleted with its events', async () => {
      const base = `/workspaces/${workspaceId}/services/${serviceId}`;
      const service = (await owner.get(base)).body;
      expect(
        (await member.del(`${base}?version=${service.version}`)).status,
      ).toBe(403);
      const res = await owner.del(`${base}?deleteData=true`, {
        'If-Match': String(service.version),
      });
      expect(res.status).toBe(202);
      expect((await owner.get(base)).status).toBe(404);
      expect(
        (await owner.get(`/workspaces/${workspaceId}/services`)).body.items.map(
          (s: any) => s.id,
        ),
      ).not.toContain(serviceId);
      expect(await helmReleases(env, namespace)).not.toContain(releaseName);
      const row = await knex('cloud_services').where({ id: serviceId }).first();
      expect(row.deleted_at).not.toBeNull();
      expect(row.subdomain).toBeNull();
      const events = await knex('service_events').where({
        service_id: serviceId,
      });
      expect(events.map(e => e.type)).toEqual(
        expect.arrayContaining(['create', 'delete']),
      );
      // The subdomain is free again.
      const availability = await owner.get(
        `/subdomains/fx-${workspaceId}/availability`,
      );
      expect(availability.body.available).toBe(true);
    });
  },
);
