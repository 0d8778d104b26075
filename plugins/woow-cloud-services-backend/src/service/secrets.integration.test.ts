import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// The real operator (one backend plugin importing another is what this
// integration test is for).
import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import YAML from 'yaml';
import { woowCloudServicesPlugin } from '../plugin';
import { apiAs, type ApiClient } from '../__testUtils__/apiClient';
import {
  deleteNamespace,
  eventually,
  helmValues,
  makeChartsDir,
  requireIntegrationEnv,
  runId,
} from '../__testUtils__/integrationEnv';
import {
  createTestDatabases,
  POSTGRES_ID,
  postgresRequired,
} from '../__testUtils__/testDatabases';
import {
  FIXTURE_MARKETPLACE,
  portalConfig,
} from '../__testUtils__/portalConfig';

// Generated secrets and sensitive values through this plugin's HTTP API with
// the REAL helm-operator, helm 4, the control plane of tools/testenv and
// PostgreSQL. The template is the fixture app's, first as an old template
// (a fixed shared key in its defaults, an API token not marked sensitive),
// then as the marketplace now writes it (the key generated, the token
// sensitive), as n8n went.

jest.setTimeout(300_000);

/** The mock scheduler is typed as a plain SchedulerService; it is more. */
type TestScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};

const env = requireIntegrationEnv();
const FIXTURE_TEMPLATE = path.join(
  FIXTURE_MARKETPLACE,
  'woow-fixture-app.yaml',
);
const OWNER = 'user:default/secrets-owner';
const ADMIN = 'user:default/secrets-admin';
const MEMBER = 'user:default/secrets-member';
const PASSWORD = `pw-${runId()}-Zq8!`;
const OLD_TOKEN = `tok-old-${runId()}`;
const NEW_TOKEN = `tok-new-${runId()}`;
const SLUG = 'woow-secrets-app';

/** The fixture template as `woow-secrets-app`, old (before issue 14) or new. */
function writeTemplate(dir: string, generation: 'old' | 'new') {
  const template = YAML.parse(fs.readFileSync(FIXTURE_TEMPLATE, 'utf8'));
  template.slug = SLUG;
  template.name = 'Woow Secrets App';
  const token = {
    key: 'env.API_TOKEN',
    label: 'API Token',
    type: 'text',
  };
  if (generation === 'old') {
    template.helmChart.defaultValues.appKey = 'auto-generated';
    template.valueSpecs.optional.push(token);
  } else {
    template.valueSpecs.optional.push(
      { ...token, sensitive: true },
      {
        key: 'appKey',
        label: 'App Key',
        type: 'password',
        generate: { length: 40, alphabet: 'hex' },
      },
    );
  }
  fs.writeFileSync(path.join(dir, `${SLUG}.yaml`), YAML.stringify(template));
}

describe('generated secrets and sensitive values, with the real operator on PostgreSQL', () => {
  const databases = createTestDatabases();
  const workspaceId = `sc${runId()}`;
  const namespace = `paas-ws-${workspaceId}`;
  const services = `/workspaces/${workspaceId}/services`;
  let knex: Knex;
  let chartsDir: string;
  let marketplaceDir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let owner: ApiClient;
  let admin: ApiClient;
  let member: ApiClient;

  async function startBackend() {
    backend = await startTestBackend({
      features: [
        woowCloudServicesPlugin,
        helmOperatorPlugin,
        (mockServices.scheduler() as TestScheduler).factory({
          skipTaskRunOnStartup: true,
        }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: portalConfig({
            woowCloudServices: {
              marketplace: { locations: [marketplaceDir] },
              reconciler: { frequencySeconds: 1, settleTimeoutSeconds: 240 },
            },
            helmOperator: { helmBinary: env.helm, localChartsDir: chartsDir },
          }),
        }),
      ],
    });
    owner = apiAs(backend.server, OWNER);
    admin = apiAs(backend.server, ADMIN);
    member = apiAs(backend.server, MEMBER);
  }

  const settled = (serviceId: string) =>
    eventually(
      async () => {
        const res = await owner.post(`${services}/${serviceId}/refresh`);
        if (res.body.state === 'error')
          throw new Error(`error: ${res.body.errorMessage}`);
        return res.body.state === 'running' ? res.body : undefined;
      },
      { what: `service ${serviceId} to be running`, timeoutMs: 240_000 },
    );

  async function deploy(name: string, values: Record<string, unknown>) {
    const res = await owner.post(services, {
      templateId: SLUG,
      name,
      subdomain: `${name.toLowerCase()}-${workspaceId}`,
      helmValues: { password: PASSWORD, ...values },
    });
    expect(res.status).toBe(201);
    return settled(res.body.id);
  }

  async function upgrade(service: any, values: Record<string, unknown>) {
    const res = await owner.patch(`${services}/${service.id}`, {
      version: service.version,
      helmValues: values,
    });
    expect(res.status).toBe(200);
    return settled(service.id);
  }

  const released = (service: any) =>
    helmValues(env, namespace, service.helmReleaseName);

  const rows = async (table: string) =>
    JSON.stringify(await knex(table).select());

  beforeAll(async () => {
    if (!databases.supports(POSTGRES_ID) || !postgresRequired()) {
      throw new Error(
        "PostgreSQL is not configured for this run: run it through this package's jest setup, which maps the test environment's PostgreSQL",
      );
    }
    knex = await databases.init(POSTGRES_ID);
    chartsDir = await makeChartsDir(env);
    marketplaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'h9-marketplace-'));
    writeTemplate(marketplaceDir, 'old');
    await startBackend();
  });

  afterAll(async () => {
    await backend?.stop();
    await deleteNamespace(env, namespace);
    fs.rmSync(chartsDir, { recursive: true, force: true });
    fs.rmSync(marketplaceDir, { recursive: true, force: true });
  });

  let legacy: any;

  it('deploys a service with the old template: the shared key, the token stored in clear', async () => {
    const ws = await owner.post('/workspaces', {
      name: 'Secrets',
      id: workspaceId,
    });
    expect(ws.status).toBe(201);
    for (const [userRef, role] of [
      [ADMIN, 'admin'],
      [MEMBER, 'member'],
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
    legacy = await deploy('Legacy', { 'env.API_TOKEN': OLD_TOKEN });
    expect(legacy.helmValues['env.API_TOKEN']).toBe(OLD_TOKEN);
    expect(await rows('cloud_services')).toContain(OLD_TOKEN);
    expect(await released(legacy)).toMatchObject({
      appKey: 'auto-generated',
      env: { API_TOKEN: OLD_TOKEN },
    });
  });

  it('seals at startup what the new template marks sensitive; the old row still reads and deploys', async () => {
    await backend.stop();
    writeTemplate(marketplaceDir, 'new');
    await startBackend();

    for (const table of ['cloud_services', 'service_revisions']) {
      expect(await rows(table)).not.toContain(OLD_TOKEN);
    }
    const res = await owner.get(`${services}/${legacy.id}`);
    expect(res.body.helmValues['env.API_TOKEN']).toEqual({ isSet: true });

    // The upgrade gives helm the token decrypted, and the service keeps
    // the key it ran with (a new one would lock it out of its data).
    legacy = await upgrade(res.body, { replicaCount: 2 });
    expect(legacy.helmRevision).toBe(2);
    expect(await released(legacy)).toMatchObject({
      appKey: 'auto-generated',
      replicaCount: 2,
      env: { API_TOKEN: OLD_TOKEN },
    });
    expect(legacy.helmValues.appKey).toEqual({ isSet: true });
  });

  let first: any;
  let firstKey: string;

  it('generates a different key for each new service, encrypted at rest, given to helm in clear', async () => {
    first = await deploy('First', { 'env.API_TOKEN': NEW_TOKEN });
    const second = await deploy('Second', {});
    const [a, b] = [await released(first), await released(second)];
    expect(a.appKey).toMatch(/^[0-9a-f]{40}$/);
    expect(b.appKey).toMatch(/^[0-9a-f]{40}$/);
    expect(a.appKey).not.toBe(b.appKey);
    expect(a.env).toEqual({ API_TOKEN: NEW_TOKEN });
    firstKey = a.appKey;

    for (const table of ['cloud_services', 'service_revisions']) {
      const stored = await rows(table);
      for (const secret of [a.appKey, b.appKey, NEW_TOKEN]) {
        expect(stored).not.toContain(secret);
      }
    }
    const row = await knex('cloud_services').where({ id: first.id }).first();
    expect(row.helm_secrets).toMatch(/^v1\./);
    expect(JSON.parse(row.helm_values)).toMatchObject({
      appKey: { isSet: true },
      'env.API_TOKEN': { isSet: true },
    });

    const base = `${services}/${first.id}`;
    for (const res of await Promise.all([
      owner.get(services),
      owner.get(base),
      owner.get(`${base}/revisions`),
      owner.get(`${base}/logs`),
      member.post(`${base}/preview`, { helmValues: { replicaCount: 3 } }),
    ])) {
      expect(res.status).toBe(200);
      const body = JSON.stringify(res.body);
      for (const secret of [a.appKey, b.appKey, NEW_TOKEN]) {
        expect(body).not.toContain(secret);
      }
    }
    expect((await owner.get(base)).body.helmValues).toMatchObject({
      appKey: { isSet: true },
      'env.API_TOKEN': { isSet: true },
    });
  });

  it('refuses a generated value from a user, at launch and afterwards (400 naming the field)', async () => {
    const launch = await owner.post(services, {
      templateId: SLUG,
      name: 'Chosen',
      subdomain: `chosen-${workspaceId}`,
      helmValues: { password: PASSWORD, appKey: 'a'.repeat(40) },
    });
    expect(launch.status).toBe(400);
    expect(launch.body.error.fields).toEqual([
      {
        field: 'helmValues.appKey',
        message: 'is generated by the platform and cannot be set',
      },
    ]);
    for (const [value, message] of [
      ['b'.repeat(40), 'is generated by the platform and cannot be set'],
      [null, 'is generated by the platform and cannot be set'],
    ] as const) {
      const res = await owner.patch(`${services}/${first.id}`, {
        version: first.version,
        helmValues: { appKey: value },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([
        { field: 'helmValues.appKey', message },
      ]);
    }
  });

  it('keeps the key through an upgrade', async () => {
    first = await upgrade(first, {
      replicaCount: 2,
      'env.API_TOKEN': 'x-rotated',
    });
    expect(first.helmRevision).toBe(2);
    expect(await released(first)).toMatchObject({
      appKey: firstKey,
      replicaCount: 2,
      env: { API_TOKEN: 'x-rotated' },
    });
  });

  it('reveals the generated key and the token to an admin, not to a member', async () => {
    const reveal = `${services}/${first.id}/credentials/reveal`;
    const res = await admin.post(reveal);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { key: 'appKey', label: 'App Key', value: firstKey },
        { key: 'env.API_TOKEN', label: 'API Token', value: 'x-rotated' },
        { key: 'password', label: 'App Password', value: PASSWORD },
      ]),
    );
    expect(res.body.items).toHaveLength(3);
    const refused = await member.post(reveal);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(firstKey);
  });
});
