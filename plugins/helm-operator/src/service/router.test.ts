import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  operatorErrorResponseSchema,
  ReleaseStatusResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import express from 'express';
import request from 'supertest';
import { GatewayTimeoutError, UnprocessableError } from '../errors';
import { NamespaceChanges } from '../cache/NamespaceChanges';
import { Fence } from '../fence';
import { NamespaceManager } from '../kube/NamespaceManager';
import { QuotaUsageReader } from '../kube/QuotaUsageReader';
import { ReleaseLogs } from '../kube/ReleaseLogs';
import { OperatorHealth } from './OperatorHealth';
import { ReleaseInventory } from './ReleaseInventory';
import { ReleaseQueries } from './ReleaseQueries';
import { MutationQueueFullError } from './MutationQueue';
import { createRouter } from './router';
import { ReleaseService } from './ReleaseService';

// HTTP behaviour of the router with the services replaced by fakes (the real
// services run against the real cluster in the integration tests).

const NS = 'paas-ws-1';
const REL = 'paas-ws-1-app';
const status: ReleaseStatusResponse = {
  namespace: NS,
  releaseName: REL,
  state: 'running',
  helmStatus: 'deployed',
  revision: 1,
  workloads: [
    { kind: 'Deployment', name: REL, desired: 1, ready: 1, updated: 1 },
  ],
  pods: [],
  problems: [],
  message: '1 workload(s) ready',
};

async function setup() {
  const releases = {
    install: jest.fn(),
    upgrade: jest.fn(),
    uninstall: jest.fn(),
    rollback: jest.fn(),
    recover: jest.fn(),
    putIngress: jest.fn(),
  };
  const queries = {
    get: jest.fn(),
    history: jest.fn(),
    status: jest.fn(),
    namespaceStatuses: jest.fn(),
    values: jest.fn(),
    diff: jest.fn(),
  };
  const namespaces = { ensure: jest.fn() };
  const quotas = { read: jest.fn() };
  const inventory = { list: jest.fn() };
  const changes = new NamespaceChanges({
    fence: new Fence('paas-ws-'),
    epoch: 'e1',
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.service(),
    }),
    auditor: mockServices.auditor.mock(),
    logger: mockServices.logger.mock(),
    fence: new Fence('paas-ws-'),
    namespaces: namespaces as unknown as NamespaceManager,
    quotas: quotas as unknown as QuotaUsageReader,
    releases: releases as unknown as ReleaseService,
    queries: queries as unknown as ReleaseQueries,
    logs: {} as unknown as ReleaseLogs,
    inventory: inventory as unknown as ReleaseInventory,
    health: { check: jest.fn() } as unknown as OperatorHealth,
    changes,
  });
  const app = express().use(router).use(mockErrorHandler());
  const untouched = () => {
    for (const fn of [
      ...Object.values(releases),
      ...Object.values(queries),
      ...Object.values(inventory),
      namespaces.ensure,
      quotas.read,
    ]) {
      expect(fn).not.toHaveBeenCalled();
    }
  };
  return {
    app,
    releases,
    queries,
    namespaces,
    quotas,
    inventory,
    changes,
    untouched,
  };
}

const installBody = {
  namespace: NS,
  releaseName: REL,
  chart: { localName: 'woow-fixture-app' },
  values: { replicaCount: 1 },
};

describe('router', () => {
  it('serves service principals', async () => {
    const { app, queries } = await setup();
    queries.status.mockResolvedValue(status);
    const res = await request(app).get(`/releases/${NS}/${REL}/status`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(status);
    expect(queries.status).toHaveBeenCalledWith({
      namespace: NS,
      releaseName: REL,
    });
  });

  it("refuses users' tokens with 403 before anything else", async () => {
    const { app, untouched } = await setup();
    const user = mockCredentials.user.header();
    expect(
      (
        await request(app)
          .get(`/releases/${NS}/${REL}/status`)
          .set('Authorization', user)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(app)
          .post('/releases')
          .set('Authorization', user)
          .send(installBody)
      ).status,
    ).toBe(403);
    expect(
      (await request(app).post('/releases').set('Authorization', user).send({}))
        .status,
    ).toBe(403);
    expect(
      (
        await request(app)
          .get('/health')
          .set('Authorization', mockCredentials.none.header())
      ).status,
    ).toBe(401);
    untouched();
  });

  it('fences namespaces and release names before any service runs', async () => {
    const { app, untouched } = await setup();
    expect(
      (await request(app).get(`/releases/kube-system/kube-system-x/status`))
        .status,
    ).toBe(403);
    expect(
      (await request(app).delete(`/releases/default/default-x`)).status,
    ).toBe(403);
    expect(
      (await request(app).patch(`/releases/${NS}/paas-ws-2-app`).send({}))
        .status,
    ).toBe(403);
    expect(
      (
        await request(app)
          .post('/releases')
          .send({
            ...installBody,
            namespace: 'default',
            releaseName: 'default-app',
          })
      ).status,
    ).toBe(403);
    expect(
      (await request(app).post('/namespaces').send({ workspaceId: 'UPPER' }))
        .status,
    ).toBe(400);
    expect(
      (await request(app).get(`/releases/${NS}/Bad_Name/status`)).status,
    ).toBe(400);
    untouched();
  });

  it('reads the statuses of workspace namespaces only, in one call', async () => {
    const { app, queries, untouched } = await setup();
    const outside = await request(app).get(
      '/namespaces/kube-system/releases/status',
    );
    expect(outside.status).toBe(403);
    untouched();
    queries.namespaceStatuses.mockResolvedValue({
      namespace: NS,
      releases: [status],
    });
    const res = await request(app).get(`/namespaces/${NS}/releases/status`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ namespace: NS, releases: [status] });
    expect(queries.namespaceStatuses).toHaveBeenCalledWith(NS);
  });

  it('answers the change feed after a cursor, and 400 naming a bad since or waitSeconds', async () => {
    const { app, changes } = await setup();
    const first = await request(app).get('/changes');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ cursor: 'e1-0', namespaces: [], reset: true });
    changes.record(NS);
    const next = await request(app).get('/changes').query({ since: 'e1-0' });
    expect(next.body).toEqual({
      cursor: 'e1-1',
      namespaces: [NS],
      reset: false,
    });
    const badSince = await request(app)
      .get('/changes')
      .query({ since: 'e1;drop' });
    expect(badSince.status).toBe(400);
    expect(badSince.body.error.message).toContain('since');
    const badWait = await request(app)
      .get('/changes')
      .query({ since: 'e1-1', waitSeconds: 26 });
    expect(badWait.status).toBe(400);
    expect(badWait.body.error.message).toContain('waitSeconds');
  });

  it('reads quota usage of workspace namespaces only', async () => {
    const { app, quotas, untouched } = await setup();
    const outside = await request(app).get('/namespaces/kube-system');
    expect(outside.status).toBe(403);
    untouched();
    const usage = {
      namespace: NS,
      exists: true,
      hard: { 'requests.cpu': '4' },
      used: { 'requests.cpu': '500m' },
    };
    quotas.read.mockResolvedValue(usage);
    const res = await request(app).get(`/namespaces/${NS}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(usage);
    expect(quotas.read).toHaveBeenCalledWith(NS);
  });

  it('lists releases, one namespace only inside the fence', async () => {
    const { app, inventory, untouched } = await setup();
    expect(
      (await request(app).get('/releases?namespace=kube-system')).status,
    ).toBe(403);
    expect((await request(app).get('/releases?namespace=Bad_NS')).status).toBe(
      400,
    );
    expect((await request(app).get('/releases?other=1')).status).toBe(400);
    untouched();
    const listing = {
      items: [
        {
          namespace: NS,
          releaseName: REL,
          chart: 'woow-fixture-app',
          chartVersion: '0.1.0',
          appVersion: '1.0',
          status: 'deployed',
          revision: 2,
          updated: '2026-11-30T08:00:01.000Z',
        },
      ],
      unreadableNamespaces: [],
    };
    inventory.list.mockResolvedValue(listing);
    const all = await request(app).get('/releases');
    expect(all.status).toBe(200);
    expect(all.body).toEqual(listing);
    expect(inventory.list).toHaveBeenLastCalledWith(undefined);
    expect((await request(app).get(`/releases?namespace=${NS}`)).status).toBe(
      200,
    );
    expect(inventory.list).toHaveBeenLastCalledWith(NS);
  });

  it('reads the values of fenced releases only', async () => {
    const { app, queries, untouched } = await setup();
    expect(
      (await request(app).get('/releases/kube-system/kube-system-x/values'))
        .status,
    ).toBe(403);
    expect(
      (await request(app).get(`/releases/${NS}/other-name/values`)).status,
    ).toBe(403);
    untouched();
    queries.values.mockResolvedValue({
      namespace: NS,
      releaseName: REL,
      revision: 2,
      values: { password: 'x' },
    });
    const res = await request(app).get(`/releases/${NS}/${REL}/values`);
    expect(res.status).toBe(200);
    expect(res.body.values).toEqual({ password: 'x' });
    expect(queries.values).toHaveBeenCalledWith({
      namespace: NS,
      releaseName: REL,
    });
  });

  it('answers a full mutation queue with 503 and Retry-After', async () => {
    const { app, releases } = await setup();
    releases.install.mockRejectedValue(
      new MutationQueueFullError('The operator is busy: retry in 7 s', 7),
    );
    const res = await request(app)
      .post('/releases')
      .send({
        namespace: NS,
        releaseName: REL,
        chart: { localName: 'woow-fixture-app' },
        values: {},
      });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.body.error.message).toBe('The operator is busy: retry in 7 s');
  });

  it('refuses invalid bodies with 400, snake_case included', async () => {
    const { app, untouched } = await setup();
    const bad = [
      { ...installBody, release_name: REL },
      {
        ...installBody,
        chart: { repo_url: 'https://x', name: 'a', version: '1' },
      },
      {
        ...installBody,
        chart: { repoUrl: 'ftp://x', name: 'a', version: '1' },
      },
      { ...installBody, chart: { localName: '../etc' } },
      { ...installBody, chart: { localName: 'a', version: '--set=x' } },
      { ...installBody, values: 'a: b' },
      { ...installBody, ingress: { subdomain: 'Not_A_Label' } },
    ];
    for (const body of bad) {
      const res = await request(app).post('/releases').send(body);
      expect(res.status).toBe(400);
      expect(operatorErrorResponseSchema.parse(res.body).error.name).toBe(
        'InputError',
      );
    }
    expect(
      (await request(app).delete(`/releases/${NS}/${REL}?deleteData=yes`))
        .status,
    ).toBe(400);
    expect(
      (
        await request(app)
          .post(`/releases/${NS}/${REL}/rollback`)
          .send({ revision: 0 })
      ).status,
    ).toBe(400);
    untouched();
  });

  it('installs with 201 and a conforming body', async () => {
    const { app, releases } = await setup();
    releases.install.mockResolvedValue({
      namespace: NS,
      releaseName: REL,
      status: 'deployed',
      revision: 1,
      ingress: null,
    });
    const res = await request(app).post('/releases').send(installBody);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      namespace: NS,
      releaseName: REL,
      status: 'deployed',
      revision: 1,
      ingress: null,
    });
    expect(releases.install).toHaveBeenCalledWith(
      { namespace: NS, releaseName: REL },
      expect.objectContaining({
        chart: { localName: 'woow-fixture-app' },
        values: { replicaCount: 1 },
      }),
    );
  });

  it('passes deleteData through', async () => {
    const { app, releases } = await setup();
    releases.uninstall.mockResolvedValue({
      namespace: NS,
      releaseName: REL,
      ingressDeleted: false,
      deletedPvcs: [],
      retainedPvcs: ['data-x-0'],
    });
    expect(
      (await request(app).delete(`/releases/${NS}/${REL}`)).body.retainedPvcs,
    ).toEqual(['data-x-0']);
    expect(releases.uninstall).toHaveBeenLastCalledWith(
      { namespace: NS, releaseName: REL },
      false,
    );
    await request(app).delete(`/releases/${NS}/${REL}?deleteData=true`);
    expect(releases.uninstall).toHaveBeenLastCalledWith(
      { namespace: NS, releaseName: REL },
      true,
    );
  });

  it('maps the operator errors to 504 and 422', async () => {
    const { app, releases } = await setup();
    releases.upgrade.mockRejectedValueOnce(
      new GatewayTimeoutError('helm upgrade did not finish within 300s'),
    );
    const timeout = await request(app)
      .patch(`/releases/${NS}/${REL}`)
      .send({ values: {} });
    expect(timeout.status).toBe(504);
    expect(timeout.body.error.message).toContain('did not finish');
    releases.upgrade.mockRejectedValueOnce(
      new UnprocessableError('Chart x could not be fetched: 404'),
    );
    expect(
      (await request(app).patch(`/releases/${NS}/${REL}`).send({})).status,
    ).toBe(422);
  });

  it('never returns the text of an unexpected error', async () => {
    const { app, queries } = await setup();
    queries.get.mockRejectedValue(
      new Error(
        'HTTP-Code: 500 Body: {"token":"abc"} Headers: {"authorization":"Bearer eyJx.eyJy.zz"} /root/.kube/config',
      ),
    );
    const res = await request(app).get(`/releases/${NS}/${REL}`);
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(
      /^Internal error in helm-operator \(ref [0-9a-f]+; details in the operator log\)$/,
    );
  });

  it('refuses a response that does not conform to its schema (a bug, not output)', async () => {
    const { app, queries } = await setup();
    queries.status.mockResolvedValue({ ...status, state: 'sideways' });
    expect(
      (await request(app).get(`/releases/${NS}/${REL}/status`)).status,
    ).toBe(500);
  });
});
