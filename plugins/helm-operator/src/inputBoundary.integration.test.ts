import http from 'node:http';
import net from 'node:net';
import request from 'supertest';
import {
  deleteNamespaces,
  kubeClients,
  rawHelm,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';

// Real helm against a real control plane on a shared, slow machine: a
// generous safety net per test (repo-wide runs ignore package testTimeout).
jest.setTimeout(180_000);

// Input that must never get through the operator's HTTP boundary: chart
// sources off the allow list (their host must see no request at all),
// prototype keys, deep or huge bodies; and no stack trace in any answer,
// NODE_ENV=development included.

const env = requireTestEnv();
const kube = kubeClients();
const ws = `ib${runId()}`;
const ns = `paas-ws-${ws}`;

/** A loopback chart host that counts every connection made to it. */
let foreign: http.Server;
let foreignPort: number;
let connections = 0;
let server: any;
let stopBackend: () => Promise<void>;
const nodeEnv = process.env.NODE_ENV;

const post = (p: string, body: object | string) =>
  request(server)
    .post(`/api/helm-operator${p}`)
    .set('Authorization', SERVICE)
    .set('Content-Type', 'application/json')
    .send(body);

beforeAll(async () => {
  foreign = http.createServer((_req, res) => res.end('apiVersion: v1\n'));
  foreign.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>(r => foreign.listen(0, '127.0.0.1', r));
  foreignPort = (foreign.address() as net.AddressInfo).port;
  // Backstage's error handler shows stack traces in development mode.
  process.env.NODE_ENV = 'development';
  const backend = await startOperator({
    helmBinary: env.helm4,
    localChartsDir: env.fixtureCharts,
    // The default allow list: the marketplace's repositories and local:.
    http: { maxBodySize: '64kb', maxJsonDepth: 32 },
  });
  server = backend.server;
  stopBackend = () => backend.stop();
  const res = await post('/namespaces', { workspaceId: ws });
  if (res.status !== 200)
    throw new Error(`namespace setup failed: ${JSON.stringify(res.body)}`);
});

afterAll(async () => {
  process.env.NODE_ENV = nodeEnv;
  await stopBackend?.();
  await new Promise(r => foreign?.close(r));
  await deleteNamespaces(kube, [ns]);
});

async function releasesInNamespace(): Promise<string[]> {
  const out = await rawHelm(env.helm4, [
    'list',
    '-n',
    ns,
    '--deployed',
    '--failed',
    '--pending',
    '--uninstalling',
    '-o',
    'json',
  ]);
  return (JSON.parse(out || '[]') as Array<{ name: string }>).map(r => r.name);
}

function expectNoStack(body: unknown) {
  expect(JSON.stringify(body)).not.toMatch(/"stack"|\s+at \S+ \(/);
}

describe('chart sources off the allow list', () => {
  it.each([
    [
      'an HTTP repository on loopback',
      () => ({
        repoUrl: `http://127.0.0.1:${foreignPort}/charts`,
        name: 'app',
        version: '1.0.0',
      }),
    ],
    [
      'user info pointing at loopback',
      () => ({
        repoUrl: `https://charts.bitnami.com@127.0.0.1:${foreignPort}/bitnami`,
        name: 'app',
        version: '1.0.0',
      }),
    ],
    [
      'an allowed host on another port',
      () => ({
        repoUrl: `https://charts.bitnami.com:${foreignPort}/bitnami`,
        name: 'app',
        version: '1.0.0',
      }),
    ],
    [
      'an OCI registry on loopback',
      () => ({
        ociRef: `oci://127.0.0.1:${foreignPort}/charts/app`,
        version: '1.0.0',
      }),
    ],
  ])(
    '%s: 403 before helm runs, no request to the host, nothing installed',
    async (_what, chart) => {
      const releaseName = `${ns}-foreign`;
      const install = await post('/releases', {
        namespace: ns,
        releaseName,
        chart: chart(),
        values: {},
      });
      expect(install.status).toBe(403);
      expect(install.body.error.name).toBe('NotAllowedError');
      expect(install.body.error.message).toMatch(
        /^chart\.(repoUrl|ociRef) .*helmOperator\.allowedChartSources/,
      );
      expectNoStack(install.body);
      const diff = await post(`/releases/${ns}/${releaseName}/diff`, {
        chart: chart(),
        values: {},
      });
      expect([403, 404]).toContain(diff.status);
      expect(connections).toBe(0);
      expect(
        (
          await request(server)
            .get(`/api/helm-operator/releases/${ns}/${releaseName}`)
            .set('Authorization', SERVICE)
        ).status,
      ).toBe(404);
      expect(await releasesInNamespace()).toEqual([]);
    },
  );
});

describe('bodies that never reach a route', () => {
  const install = (values: unknown) =>
    `{"namespace":"${ns}","releaseName":"${ns}-proto","chart":{"localName":"woow-fixture-app"},"values":${values}}`;

  it.each([
    ['{"__proto__":{"polluted":true}}', 'values.__proto__'],
    ['{"a":{"constructor":{"prototype":{"x":1}}}}', 'values.a.constructor'],
    ['{"a":[{"prototype":1}]}', 'values.a[0].prototype'],
    ['{"env":{"__proto__.x":"y"}}', 'values.env.__proto__.x'],
  ])('values %s: 400 naming %s, nothing installed', async (values, field) => {
    const res = await post('/releases', install(values));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { field, message: expect.stringMatching(/is not allowed/) },
    ]);
    expectNoStack(res.body);
    expect(({} as any).polluted).toBeUndefined();
    expect(await releasesInNamespace()).toEqual([]);
  });

  it('refuses JSON nested deeper than the limit with 400', async () => {
    const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    const res = await post('/releases', install(deep));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/more than 32 levels deep/);
    const veryDeep = `${'['.repeat(200_00)}${']'.repeat(200_00)}`;
    expect((await post('/releases', install(veryDeep))).status).toBe(400);
    expect(await releasesInNamespace()).toEqual([]);
  });

  it('refuses a body above the size limit with 413', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(100_000) });
    const res = await post('/releases', install(big));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than the limit/);
    expectNoStack(res.body);
  });

  it('answers malformed JSON with 400, without quoting it or a stack', async () => {
    const res = await post('/releases', '{"values": {"secret-ish": tru');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('The request body is not valid JSON');
    expect(JSON.stringify(res.body)).not.toContain('secret-ish');
    expectNoStack(res.body);
  });
});

describe('errors in development mode', () => {
  it('carry no stack trace, for 4xx and unexpected errors alike', async () => {
    const notFound = await request(server)
      .get(`/api/helm-operator/releases/${ns}/${ns}-nothing`)
      .set('Authorization', SERVICE);
    expect(notFound.status).toBe(404);
    expectNoStack(notFound.body);
    const fenced = await post('/releases', {
      namespace: 'kube-system',
      releaseName: 'kube-system-x',
      chart: { localName: 'woow-fixture-app' },
      values: {},
    });
    expect(fenced.status).toBe(403);
    expectNoStack(fenced.body);
  });
});
