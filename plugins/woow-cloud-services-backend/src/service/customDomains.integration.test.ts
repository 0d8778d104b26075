import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// The real operator (one backend plugin importing another is what this
// integration test is for).
import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import fs from 'node:fs';
import type { Knex } from 'knex';
import { CUSTOM_DOMAIN_TASK_ID, woowCloudServicesPlugin } from '../plugin';
import { apiAs, type ApiClient } from '../__testUtils__/apiClient';
import {
  deleteNamespace,
  eventually,
  makeChartsDir,
  requireIntegrationEnv,
  run,
  runId,
} from '../__testUtils__/integrationEnv';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { TestDnsServer } from '../__testUtils__/TestDnsServer';
import { portalConfig, TEST_BASE_DOMAIN } from '../__testUtils__/portalConfig';

// Custom domains cannot be taken over: refused when they are another
// service's or the platform's, and served (on the real Ingress, through the
// real operator and control plane) only once DNS proves them. DNS is a
// server of the test's own on loopback.

jest.setTimeout(300_000);

const env = requireIntegrationEnv();
const OWNER = 'user:default/owner-a';
const VIEWER = 'user:default/viewer-b';
const BASE = TEST_BASE_DOMAIN;

type TestScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};

describe('custom domains', () => {
  const databases = createTestDatabases();
  const workspaceId = `cd${runId()}`;
  const namespace = `paas-ws-${workspaceId}`;
  let knex: Knex;
  let chartsDir: string;
  let dns: TestDnsServer;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let scheduler: TestScheduler;
  let owner: ApiClient;
  let viewer: ApiClient;
  const services: Record<'a' | 'b', { id: string; release: string }> =
    {} as any;
  const path_ = (s: 'a' | 'b') =>
    `/workspaces/${workspaceId}/services/${services[s].id}`;

  async function ingressHosts(s: 'a' | 'b'): Promise<string[]> {
    const res = await run(
      env.kubectl,
      ['get', 'ingress', services[s].release, '-n', namespace, '-o', 'json'],
      env,
    );
    if (res.code !== 0) throw new Error(`kubectl failed: ${res.stderr}`);
    return JSON.parse(res.stdout)
      .spec.rules.map((r: any) => r.host)
      .sort();
  }

  /** Reconciles through the API until the service runs. */
  const runningService = (s: 'a' | 'b') =>
    eventually(
      async () => {
        const res = await owner.post(`${path_(s)}/refresh`);
        if (res.body.state === 'error')
          throw new Error(`error: ${res.body.errorMessage}`);
        return res.body.state === 'running' || undefined;
      },
      { what: `service ${s} to run`, timeoutMs: 240_000 },
    );

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    chartsDir = await makeChartsDir(env);
    dns = await TestDnsServer.start();
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
              customDomains: {
                dnsServers: [dns.address],
                recheckSeconds: 1,
                reservedDomains: ['portal.acme-corp.org'],
              },
            },
            helmOperator: { helmBinary: env.helm, localChartsDir: chartsDir },
          }),
        }),
      ],
    });
    owner = apiAs(backend.server, OWNER);
    viewer = apiAs(backend.server, VIEWER);
  });

  afterAll(async () => {
    await backend?.stop();
    await dns?.close();
    await deleteNamespace(env, namespace);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('deploys two services in one workspace', async () => {
    expect(
      (await owner.post('/workspaces', { name: 'Domains', id: workspaceId }))
        .status,
    ).toBe(201);
    expect(
      (
        await owner.post(`/workspaces/${workspaceId}/members`, {
          userRef: VIEWER,
          role: 'viewer',
        })
      ).status,
    ).toBe(201);
    for (const s of ['a', 'b'] as const) {
      const res = await owner.post(`/workspaces/${workspaceId}/services`, {
        templateId: 'woow-fixture-app',
        name: `Service ${s}`,
        subdomain: `${s}-${workspaceId}`,
        helmValues: { password: `pw-${runId()}-Zq8!` },
      });
      expect(res.status).toBe(201);
      services[s] = { id: res.body.id, release: res.body.helmReleaseName };
    }
    for (const s of ['a', 'b'] as const) await runningService(s);
  });

  it('refuses takeovers naming customDomain and the rule, changing nothing', async () => {
    const domainOfB = `shop.${workspaceId}.example.org`;
    const b = (await owner.get(path_('b'))).body;
    const setB = await owner.patch(path_('b'), {
      version: b.version,
      customDomain: domainOfB,
    });
    expect(setB.status).toBe(200);

    const before = (await owner.get(path_('a'))).body;
    const hostsBefore = await ingressHosts('a');
    const attempts: Array<[string, RegExp]> = [
      [domainOfB, /^is used by another service$/],
      [`SHOP.${workspaceId}.Example.org.`, /^is used by another service$/],
      [`b-${workspaceId}.${BASE}`, /^is under the platform's domain/],
      [`x.b-${workspaceId}.${BASE}`, /^is under the platform's domain/],
      [BASE, /^is the platform's domain/],
      ['printer.local', /^is reserved/],
      ['localhost.localdomain', /^is reserved/],
      ['portal.acme-corp.org', /^is reserved$/],
    ];
    for (const [customDomain, rule] of attempts) {
      const res = await owner.patch(path_('a'), {
        version: before.version,
        customDomain,
      });
      expect({ customDomain, status: res.status }).toEqual({
        customDomain,
        status: 400,
      });
      const fields = res.body.error.fields;
      expect(fields).toHaveLength(1);
      expect(fields[0].field).toBe('customDomain');
      expect(fields[0].message).toMatch(rule);
    }
    const after = (await owner.get(path_('a'))).body;
    expect(after).toEqual(before);
    expect(await ingressHosts('a')).toEqual(hostsBefore);
    expect(
      await knex('custom_domain_verifications').where({
        service_id: services.a.id,
      }),
    ).toEqual([]);
  });

  it('keeps a domain waiting for DNS, then serves it once its CNAME points at the service', async () => {
    const domain = `shop.${workspaceId}.example.org`;
    const target = `b-${workspaceId}.${BASE}`;
    const pending = (await owner.get(path_('b'))).body;
    expect(pending.customDomainVerification).toMatchObject({
      domain,
      state: 'pending',
      records: [
        { type: 'CNAME', name: domain, value: target },
        {
          type: 'TXT',
          name: `_woow-challenge.${domain}`,
          value: expect.stringMatching(
            /^woow-domain-verification=[0-9a-f]{32}$/,
          ),
        },
      ],
    });

    // No record: still waiting, after the background task and a check.
    await scheduler.triggerTask(CUSTOM_DOMAIN_TASK_ID);
    const checked = await owner.post(`${path_('b')}/custom-domain/check`);
    expect(checked.status).toBe(200);
    expect(checked.body.customDomainVerification).toMatchObject({
      state: 'pending',
      message: expect.stringContaining(`No CNAME record for ${domain}`),
      checkedAt: expect.any(String),
    });
    expect(await ingressHosts('b')).toEqual([target]);

    // A CNAME to someone else's host proves nothing.
    dns.set(domain, 'CNAME', [`a-${workspaceId}.${BASE}`]);
    const wrong = await owner.post(`${path_('b')}/custom-domain/check`);
    expect(wrong.body.customDomainVerification).toMatchObject({
      state: 'failed',
      message: `${domain} has a CNAME to a-${workspaceId}.${BASE}, not to ${target}`,
    });
    expect(await ingressHosts('b')).toEqual([target]);

    // Viewers may look, not check.
    expect(
      (await viewer.post(`${path_('b')}/custom-domain/check`)).status,
    ).toBe(403);

    // The right CNAME: the background task applies it.
    dns.set(domain, 'CNAME', [`${target}.`]);
    const verified = await eventually(
      async () => {
        await scheduler.triggerTask(CUSTOM_DOMAIN_TASK_ID);
        const res = await owner.get(path_('b'));
        return res.body.customDomainVerification?.state === 'verified'
          ? res.body
          : undefined;
      },
      { what: 'the CNAME to be verified', timeoutMs: 60_000 },
    );
    expect(verified.customDomainVerification).toMatchObject({
      message: 'Proven by a CNAME record',
      verifiedAt: expect.any(String),
    });
    expect(await ingressHosts('b')).toEqual([domain, target].sort());
  });

  it('serves a domain proven by the TXT token', async () => {
    const domain = `${workspaceId}.example.net`;
    const a = (await owner.get(path_('a'))).body;
    const res = await owner.patch(path_('a'), {
      version: a.version,
      customDomain: domain,
    });
    expect(res.status).toBe(200);
    const txt = res.body.customDomainVerification.records.find(
      (r: any) => r.type === 'TXT',
    );
    dns.set(txt.name, 'TXT', [txt.value]);
    const checked = await owner.post(`${path_('a')}/custom-domain/check`);
    expect(checked.body.customDomainVerification).toMatchObject({
      state: 'verified',
      message: 'Proven by a TXT record',
    });
    expect(await ingressHosts('a')).toEqual(
      [domain, `a-${workspaceId}.${BASE}`].sort(),
    );
  });

  it('stops serving a verified domain at once when the domain changes', async () => {
    const b = (await owner.get(path_('b'))).body;
    const next = `next.${workspaceId}.example.org`;
    const res = await owner.patch(path_('b'), {
      version: b.version,
      customDomain: next,
    });
    expect(res.body.customDomainVerification).toMatchObject({
      domain: next,
      state: 'pending',
    });
    expect(await ingressHosts('b')).toEqual([`b-${workspaceId}.${BASE}`]);
  });
});
