import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import net from 'node:net';
import request from 'supertest';
import { woowCloudServicesPlugin } from '../plugin';
import { portalConfig } from '../__testUtils__/portalConfig';

// Input that must never get through this plugin's HTTP API, through the real
// router and stores (SQLite): prototype keys, deep and huge bodies, value
// specs whose patterns RE2 cannot run, chart sources off the allow list
// (whose host must see no request). NODE_ENV=development: no stack traces.

const API = '/api/woow-cloud-services';
const ADMIN = mockCredentials.user.header('user:default/admin');
const nodeEnv = process.env.NODE_ENV;
let server: any;
let stop: () => Promise<void>;
let foreign: http.Server;
let foreignPort: number;
let connections = 0;

const template = (over: Record<string, unknown> = {}) => ({
  slug: `t${Math.random().toString(36).slice(2, 8)}`,
  name: 'T',
  description: 'd',
  category: 'web',
  monthlyPrice: 0,
  helmChart: {
    repository: 'local:',
    chartName: 'woow-fixture-app',
    chartVersion: '0.1.0',
    defaultValues: {},
  },
  valueSpecs: {
    required: [],
    optional: [{ key: 'name', label: 'Name', type: 'text', pattern: '(a+)+' }],
  },
  minResources: { vcpu: 1, ramGb: 1, storageGb: 0 },
  ...over,
});

const post = (p: string, body: object | string) =>
  request(server)
    .post(`${API}${p}`)
    .set('Authorization', ADMIN)
    .set('Content-Type', 'application/json')
    .send(body);

async function templateSlugs(): Promise<string[]> {
  const res = await request(server)
    .get(`${API}/templates?includeInactive=true`)
    .set('Authorization', ADMIN);
  return res.body.items.map((t: { slug: string }) => t.slug);
}

function expectNoStack(body: unknown) {
  expect(JSON.stringify(body)).not.toMatch(/"stack"|\s+at \S+ \(/);
}

beforeAll(async () => {
  foreign = http.createServer((_req, res) => res.end('apiVersion: v1\n'));
  foreign.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>(r => foreign.listen(0, '127.0.0.1', r));
  foreignPort = (foreign.address() as net.AddressInfo).port;
  process.env.NODE_ENV = 'development';
  const backend = await startTestBackend({
    features: [
      woowCloudServicesPlugin,
      mockServices.rootConfig.factory({
        data: portalConfig({
          woowCloudServices: {
            marketplace: { locations: [] },
            http: { maxBodySize: '64kb', maxJsonDepth: 32 },
            // NODE_ENV is development here: the sandbox's key, as app-config.yaml asks.
            secrets: { useDevelopmentKey: true },
          },
        }),
      }),
    ],
  });
  server = backend.server;
  stop = () => backend.stop();
});

afterAll(async () => {
  process.env.NODE_ENV = nodeEnv;
  await stop?.();
  await new Promise(r => foreign?.close(r));
});

describe('templates', () => {
  it.each([
    ['a loopback repository', { repository: `http://127.0.0.1:${0}/charts` }],
    [
      'user info',
      { repository: 'https://charts.bitnami.com@127.0.0.1/bitnami' },
    ],
    [
      'an OCI registry not listed',
      { repository: 'oci://127.0.0.1/charts/app' },
    ],
  ])(
    'with %s are refused naming the rule, and nothing is created',
    async (_what, chart) => {
      const repository = chart.repository.replace(':0/', `:${foreignPort}/`);
      const body = template();
      const res = await post('/templates', {
        ...body,
        helmChart: { ...body.helmChart, repository },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([
        {
          field: 'helmChart.repository',
          message: expect.stringMatching(/helmOperator\.allowedChartSources/),
        },
      ]);
      expectNoStack(res.body);
      expect(connections).toBe(0);
      expect(await templateSlugs()).not.toContain(body.slug);
    },
  );

  it.each([
    [
      'default values',
      (t: any) => ({
        ...t,
        helmChart: {
          ...t.helmChart,
          defaultValues: JSON.parse('{"a":{"__proto__":{"polluted":true}}}'),
        },
      }),
      'helmChart.defaultValues.a.__proto__',
    ],
    [
      'a value-spec key',
      (t: any) => ({
        ...t,
        valueSpecs: {
          optional: [
            { key: 'constructor.prototype.x', label: 'X', type: 'text' },
          ],
        },
      }),
      'valueSpecs.optional.0.key',
    ],
    ['the body', (t: any) => ({ ...t, prototype: 1 }), 'prototype'],
  ])(
    'with a prototype key in %s are refused naming its path',
    async (_what, make, field) => {
      const body = make(template());
      const res = await post('/templates', JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([
        {
          field,
          message: expect.stringMatching(
            /is not allowed|must not contain __proto__/,
          ),
        },
      ]);
      expect(({} as any).polluted).toBeUndefined();
      expect(await templateSlugs()).not.toContain(body.slug);
    },
  );

  it('with a pattern RE2 cannot compile are refused naming the spec', async () => {
    const body = template({
      valueSpecs: {
        optional: [
          { key: 'tag', label: 'Tag', type: 'text', pattern: '(\\w)\\1' },
        ],
      },
    });
    const res = await post('/templates', body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      {
        field: 'valueSpecs.optional.0.pattern',
        message: expect.stringMatching(/RE2/),
      },
    ]);
  });

  it('with a catastrophic pattern are stored, and the pattern runs in linear time', async () => {
    const created = await post('/templates', template());
    expect(created.status).toBe(201);
    await post('/workspaces', { name: 'W', id: 'ibws' });
    // A backtracking engine would not return from this within the test run.
    const res = await post('/workspaces/ibws/services', {
      templateId: created.body.id,
      name: 'svc',
      subdomain: 'ib-svc',
      helmValues: { name: `${'a'.repeat(4000)}!` },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/must match the pattern/);
  });
});

describe('bodies', () => {
  it('nested deeper than the limit get 400', async () => {
    const res = await post(
      '/workspaces',
      `{"name":${'['.repeat(40)}${']'.repeat(40)}}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/more than 32 levels deep/);
    expectNoStack(res.body);
  });

  it('above the size limit get 413', async () => {
    const res = await post('/workspaces', { name: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
    expectNoStack(res.body);
  });

  it('with a prototype key in service values get 400 naming it', async () => {
    const res = await post(
      '/workspaces/ibws/services',
      '{"templateId":"x","helmValues":{"__proto__":{"a":1}}}',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('helmValues.__proto__');
    expectNoStack(res.body);
  });
});
