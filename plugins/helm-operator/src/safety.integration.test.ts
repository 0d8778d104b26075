import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { helmOperatorPlugin } from './plugin';
import {
  deleteNamespaces,
  kubeClients,
  rawHelm,
  requireTestEnv,
  operatorConfig,
  runId,
  SERVICE,
  startOperator,
  TEST_BASE_DOMAIN,
  USER,
} from './__testUtils__/testenv';

// Real helm against a real control plane on a shared, slow machine: a
// generous safety net per test (repo-wide runs ignore package testTimeout).
jest.setTimeout(180_000);

// What the operator refuses, and how it fails: fence, injection, auth,
// unreachable charts, concurrent operations, startup without helm or cluster.

const env = requireTestEnv();
const kube = kubeClients();
const ws = `sf${runId()}`;
const ns = `paas-ws-${ws}`;
let server: any;

const post = (p: string, body: object, auth = SERVICE) =>
  request(server)
    .post(`/api/helm-operator${p}`)
    .set('Authorization', auth)
    .send(body);

/** A loopback port nothing listens on; allowed as a chart source below. */
let unreachablePort: number;

beforeAll(async () => {
  const srv = net.createServer();
  await new Promise<void>(r => srv.listen(0, '127.0.0.1', r));
  unreachablePort = (srv.address() as net.AddressInfo).port;
  await new Promise(r => srv.close(r));
  ({ server } = await startOperator({
    helmBinary: env.helm4,
    localChartsDir: env.fixtureCharts,
    allowedChartSources: [
      'local:',
      `http://127.0.0.1:${unreachablePort}/charts`,
    ],
  }));
  const res = await post('/namespaces', { workspaceId: ws });
  if (res.status !== 200)
    throw new Error(`namespace setup failed: ${JSON.stringify(res.body)}`);
});

afterAll(() => deleteNamespaces(kube, [ns]));

/**
 * What the refused requests could have changed: the namespaces they named
 * (helm release records, leases, config maps there) and the namespace list.
 * Other engineers' tests share the cluster: their paas-ws-* namespaces are
 * left out of the list.
 */
async function clusterSnapshot() {
  const touched = ['default', 'kube-system', 'kube-public', 'paas-system', ns];
  const inTouched = async (
    list: (
      namespace: string,
    ) => Promise<{ items: { metadata?: { name?: string } }[] }>,
  ) =>
    (
      await Promise.all(
        touched.map(namespace =>
          list(namespace)
            .then(l => l.items.map(i => `${namespace}/${i.metadata?.name}`))
            .catch(e => (e.code === 404 ? [] : Promise.reject(e))),
        ),
      )
    )
      .flat()
      .sort();
  const [namespaces, helmRecords, leases, configMaps] = await Promise.all([
    kube.core.listNamespace({}).then(l =>
      l.items
        .map(n => n.metadata!.name!)
        .filter(n => n === ns || !n.startsWith('paas-ws-'))
        .sort(),
    ),
    inTouched(namespace =>
      kube.core.listNamespacedSecret({
        namespace,
        labelSelector: 'owner=helm',
      }),
    ),
    inTouched(namespace =>
      kube.coordination.listNamespacedLease({ namespace }),
    ).then(l => l.filter(n => n.includes('/woow-op-'))),
    inTouched(namespace => kube.core.listNamespacedConfigMap({ namespace })),
  ]);
  return { namespaces, helmRecords, leases, configMaps };
}

describe('the fence', () => {
  it('refuses namespaces and names outside the rules, and nothing changes in the cluster', async () => {
    const before = await clusterSnapshot();
    const chart = { localName: 'woow-fixture-app' };
    const attempts = [
      post('/releases', {
        namespace: 'default',
        releaseName: 'default-evil',
        chart,
        values: {},
      }),
      post('/releases', {
        namespace: 'kube-system',
        releaseName: 'kube-system-evil',
        chart,
        values: {},
      }),
      post('/releases', {
        namespace: ns,
        releaseName: 'paas-ws-other-app',
        chart,
        values: {},
      }),
      post('/releases', {
        namespace: ns,
        releaseName: `${ns}-${'x'.repeat(60)}`,
        chart,
        values: {},
      }),
      post('/namespaces', { workspaceId: '../../kube-system' }),
      request(server)
        .patch('/api/helm-operator/releases/default/default-evil')
        .set('Authorization', SERVICE)
        .send({ values: {} }),
      request(server)
        .delete('/api/helm-operator/releases/kube-system/coredns')
        .set('Authorization', SERVICE),
      post('/releases/paas-system/paas-system-operator/rollback', {
        revision: 1,
      }),
      post('/releases/default/default-x/recover', {}),
      request(server)
        .put('/api/helm-operator/releases/kube-public/kube-public-x/ingress')
        .set('Authorization', SERVICE)
        .send({ subdomain: 'x' }),
    ];
    const statuses = (await Promise.all(attempts)).map(r => r.status);
    expect(statuses).toEqual([
      403, 403, 403, 400, 400, 403, 403, 403, 403, 403,
    ]);
    expect(await clusterSnapshot()).toEqual(before);
  });

  it("refuses users' tokens with 403, changing nothing", async () => {
    const before = await clusterSnapshot();
    const res = await post(
      '/releases',
      {
        namespace: ns,
        releaseName: `${ns}-user`,
        chart: { localName: 'woow-fixture-app' },
        values: {},
      },
      USER,
    );
    expect(res.status).toBe(403);
    expect(await clusterSnapshot()).toEqual(before);
  });
});

describe('values', () => {
  it('land as literal strings, whatever YAML or flag text they carry', async () => {
    const values = {
      env: {
        INJECTED: 'a\nb: c',
        FLAG: '--set replicaCount=5',
        SHELL: '$(id) `id` ; rm -rf /',
        BOOL: 'yes',
      },
      podAnnotations: { 'note.example.com/x': 'line1\n---\nkind: Secret' },
      'replicaCount: 3\nfoo': 'key injection',
      replicaCount: 1,
    };
    const rel = `${ns}-literal`;
    const res = await post('/releases', {
      namespace: ns,
      releaseName: rel,
      chart: { localName: 'woow-fixture-app' },
      values,
    });
    expect(res.status).toBe(201);
    expect(
      JSON.parse(
        await rawHelm(env.helm4, [
          'get',
          'values',
          rel,
          '-n',
          ns,
          '-o',
          'json',
        ]),
      ),
    ).toEqual(values);
    const deploy = await kube.apps.readNamespacedDeployment({
      name: `${rel}-woow-fixture-app`,
      namespace: ns,
    });
    expect(deploy.spec?.replicas).toBe(1);
    const container = deploy.spec!.template.spec!.containers[0];
    expect(
      Object.fromEntries((container.env ?? []).map(e => [e.name, e.value])),
    ).toEqual(values.env);
  });
});

describe('charts that cannot be fetched', () => {
  it('get a 422 naming the chart and why, and nothing is installed', async () => {
    const port = unreachablePort;
    const rel = `${ns}-nochart`;
    const res = await post('/releases', {
      namespace: ns,
      releaseName: rel,
      chart: {
        repoUrl: `http://127.0.0.1:${port}/charts`,
        name: 'postgresql',
        version: '15.5.0',
      },
      values: { auth: { postgresPassword: 'secret123' } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      new RegExp(
        `^Chart postgresql@15.5.0 from http://127.0.0.1:${port}/charts could not be fetched: .*connection refused`,
      ),
    );
    expect(res.body.error.message).not.toMatch(
      /\/tmp\/|\/root\/|secret123|kubeconfig/,
    );
    expect(
      (
        await request(server)
          .get(`/api/helm-operator/releases/${ns}/${rel}`)
          .set('Authorization', SERVICE)
      ).status,
    ).toBe(404);

    const local = await post('/releases', {
      namespace: ns,
      releaseName: rel,
      chart: { localName: 'no-such-chart' },
      values: {},
    });
    expect(local.status).toBe(422);
    expect(local.body.error.message).toBe(
      'Chart no-such-chart (local) could not be fetched: there is no local chart of that name',
    );
  });
});

describe('ingress', () => {
  it('refuses a host another release serves (409) before installing anything', async () => {
    const chart = { localName: 'woow-fixture-app' };
    const first = await post('/releases', {
      namespace: ns,
      releaseName: `${ns}-web1`,
      chart,
      values: {},
      ingress: { subdomain: `web-${ws}` },
    });
    expect(first.status).toBe(201);
    const second = await post('/releases', {
      namespace: ns,
      releaseName: `${ns}-web2`,
      chart,
      values: {},
      ingress: { subdomain: `web-${ws}` },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe(
      `Host web-${ws}.${TEST_BASE_DOMAIN} is already routed to another service`,
    );
    expect(
      (
        await request(server)
          .get(`/api/helm-operator/releases/${ns}/${ns}-web2`)
          .set('Authorization', SERVICE)
      ).status,
    ).toBe(404);
  });

  it('refuses custom domains under the base domain or served by another release', async () => {
    const other = await post('/releases', {
      namespace: ns,
      releaseName: `${ns}-web3`,
      chart: { localName: 'woow-fixture-app' },
      values: {},
      ingress: {
        subdomain: `web3-${ws}`,
        customDomain: `shop-${ws}.example.org`,
      },
    });
    expect(other.status).toBe(201);
    const setDomain = (customDomain: string) =>
      request(server)
        .put(`/api/helm-operator/releases/${ns}/${ns}-web1/ingress`)
        .set('Authorization', SERVICE)
        .send({ subdomain: `web-${ws}`, customDomain });
    const refusals = [
      [
        `web3-${ws}.${TEST_BASE_DOMAIN}`,
        400,
        /^customDomain is under the platform's domain/,
      ],
      [TEST_BASE_DOMAIN, 400, /^customDomain is the platform's domain/],
      [`shop-${ws}.example.org`, 409, /is already routed to another service$/],
    ] as const;
    for (const [domain, status, message] of refusals) {
      const res = await setDomain(domain);
      expect({ domain, status: res.status }).toEqual({ domain, status });
      expect(res.body.error.message).toMatch(message);
    }
    const ingress = await kube.networking.readNamespacedIngress({
      name: `${ns}-web1`,
      namespace: ns,
    });
    expect(ingress.spec?.rules?.map(r => r.host)).toEqual([
      `web-${ws}.${TEST_BASE_DOMAIN}`,
    ]);
    // Its own address is no other release's.
    expect((await setDomain(`web-${ws}.${TEST_BASE_DOMAIN}`)).status).toBe(200);
  });

  it('says the release is installed when only its Ingress failed', async () => {
    const res = await post('/releases', {
      namespace: ns,
      releaseName: `${ns}-noport`,
      chart: { localName: 'woow-fixture-app' },
      values: {},
      ingress: { subdomain: `noport-${ws}`, servicePort: 9999 },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe(
      `Release "${ns}-noport" was installed (revision 1) but its Ingress was not: The release has no Service exposing port 9999. Retry with PUT .../ingress`,
    );
    const fixed = await request(server)
      .put(`/api/helm-operator/releases/${ns}/${ns}-noport/ingress`)
      .set('Authorization', SERVICE)
      .send({ subdomain: `noport-${ws}`, servicePort: 8080 });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({
      servicePort: 'http',
      hosts: [`noport-${ws}.${TEST_BASE_DOMAIN}`],
    });
  });
});

describe('one operation per release', () => {
  it('lets exactly one of two concurrent upgrades run; the other gets 409', async () => {
    const rel = `${ns}-busy`;
    expect(
      (
        await post('/releases', {
          namespace: ns,
          releaseName: rel,
          chart: { localName: 'woow-fixture-app' },
          values: {},
        })
      ).status,
    ).toBe(201);
    const patch = (n: number) =>
      request(server)
        .patch(`/api/helm-operator/releases/${ns}/${rel}`)
        .set('Authorization', SERVICE)
        .send({ values: { replicaCount: n } });
    const results = await Promise.all([patch(2), patch(3)]);
    expect(results.map(r => r.status).sort()).toEqual([200, 409]);
    expect(results.find(r => r.status === 409)!.body.error.message).toMatch(
      /in progress/,
    );
    const history = JSON.parse(
      await rawHelm(env.helm4, ['history', rel, '-n', ns, '-o', 'json']),
    );
    expect(history).toHaveLength(2);
    // the lease is gone afterwards: the next operation runs
    expect((await patch(1)).status).toBe(200);
    await expect(
      kube.coordination.readNamespacedLease({
        name: `woow-op-${rel}`,
        namespace: ns,
      }),
    ).rejects.toMatchObject({ code: 404 });
  });
});

describe('authentication with the real auth services', () => {
  it('accepts the static external-access key as a service principal', async () => {
    const key = 'operator-api-key-for-tests-0123456789';
    const backend = await startTestBackend({
      features: [
        helmOperatorPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: operatorConfig(
            { helmBinary: env.helm4 },
            {
              backend: {
                auth: {
                  externalAccess: [
                    {
                      type: 'static',
                      options: {
                        token: key,
                        subject: 'cloud-services-backend',
                      },
                    },
                  ],
                },
              },
            },
          ),
        }),
      ],
    });
    const health = await request(backend.server)
      .get('/api/helm-operator/health')
      .set('Authorization', `Bearer ${key}`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      helm: { major: 4 },
      cluster: { reachable: true },
    });
    expect(
      (await request(backend.server).get('/api/helm-operator/health')).status,
    ).toBe(401);
    expect(
      (
        await request(backend.server)
          .get('/api/helm-operator/health')
          .set('Authorization', 'Bearer wrong-key-0123456789')
      ).status,
    ).toBe(401);
  });
});

describe('startup', () => {
  it('refuses to start without helm, saying so', async () => {
    await expect(
      startOperator({ helmBinary: '/nonexistent/bin/helm' }),
    ).rejects.toThrow(
      'helm-operator cannot start: helm binary "/nonexistent/bin/helm" cannot be run: not found (install helm 4, or set helmOperator.helmBinary)',
    );
  });

  it('refuses to start when the cluster cannot be reached, unless told to start anyway', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeconfig-'));
    const kubeconfig = path.join(dir, 'config');
    fs.writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: abc}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n`,
    );
    try {
      await expect(
        startOperator({
          helmBinary: env.helm4,
          kubernetes: { kubeconfigPath: kubeconfig },
        }),
      ).rejects.toThrow(
        /helm-operator cannot start: the Kubernetes API server cannot be reached/,
      );
      const { server: degraded } = await startOperator({
        helmBinary: env.helm4,
        kubernetes: { kubeconfigPath: kubeconfig },
        startup: { failOnUnreachableCluster: false },
      });
      const health = await request(degraded)
        .get('/api/helm-operator/health')
        .set('Authorization', SERVICE);
      expect(health.body).toMatchObject({
        status: 'degraded',
        cluster: { reachable: false },
      });
      expect(health.body.cluster.message).not.toContain(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
