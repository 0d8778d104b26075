import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import type { ServiceStore } from '../database/ServiceStore';
import type { WorkspaceStore } from '../database/WorkspaceStore';
import { OperatorClient } from '../operator/OperatorClient';
import { OperatorLogsClient } from '../operator/OperatorLogsClient';
import { AccessControl } from '../services/AccessControl';
import { ServiceLogs } from '../services/ServiceLogs';
import { createLogsRouter } from './logsRouter';

// The logs routes with the real AccessControl and OperatorLogsClient against
// a stand-in operator on a real socket (the operator's own stream is tested
// against the real API server in plugins/helm-operator).

const NS = 'paas-ws-a';
const REL = 'paas-ws-a-app-x1y2z';
const auth = { Authorization: `Bearer ${mockCredentials.user.token()}` };

function listen(app: express.Express): Promise<http.Server> {
  return new Promise(resolve => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}
const portOf = (s: http.Server) => (s.address() as AddressInfo).port;

describe('GET .../pods and .../pod-logs', () => {
  let operator: http.Server;
  let backend: http.Server;
  let role = 'member';
  const seen: { url: string; authorization?: string }[] = [];
  let releaseSecondLine: () => void = () => {};
  let operatorRequestClosed: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    const fakeOperator = express();
    fakeOperator.get('/releases/:ns/:name/pods', (req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      res.json({
        pods: [
          {
            name: `${REL}-abc`,
            phase: 'Running',
            containers: [{ name: 'app', init: false }],
          },
        ],
      });
    });
    fakeOperator.get('/releases/:ns/:name/logs', (req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      if (req.query.pod === 'other') {
        res.status(404).json({
          error: {
            name: 'NotFoundError',
            message: 'Pod "other" is not a pod of release',
          },
        });
        return;
      }
      res.setHeader('Content-Type', 'text/plain');
      res.flushHeaders();
      res.write('first line\n');
      operatorRequestClosed = new Promise(resolve =>
        res.on('close', () => resolve()),
      );
      const second = new Promise<void>(resolve => {
        releaseSecondLine = resolve;
      });
      second.then(() => {
        res.write('second line\n');
        if (req.query.follow !== 'true') res.end();
      });
    });
    operator = await listen(fakeOperator);

    const access = new AccessControl({
      workspaces: {
        getMember: async (_ws: string, userRef: string) => ({
          userRef,
          role,
        }),
      } as unknown as WorkspaceStore,
      permissions: mockServices.permissions(),
    });
    const services = {
      get: async (id: string) =>
        id === 's1'
          ? { id, workspaceId: 'a', helmNamespace: NS, helmReleaseName: REL }
          : undefined,
    } as unknown as ServiceStore;
    const logs = new ServiceLogs({
      services,
      access,
      operator: new OperatorLogsClient(
        new OperatorClient({
          discovery: mockServices.discovery(),
          auth: mockServices.auth(),
          endpoint: {
            baseUrl: `http://127.0.0.1:${portOf(operator)}`,
            apiKey: 'operator-token',
          },
        }),
      ),
    });
    backend = await listen(
      express().use(
        createLogsRouter({
          httpAuth: mockServices.httpAuth(),
          logger: mockServices.logger.mock(),
          logs,
        }),
      ),
    );
  });

  afterAll(async () => {
    await new Promise(r => backend.close(r));
    await new Promise(r => operator.close(r));
  });

  beforeEach(() => {
    role = 'member';
    seen.length = 0;
  });

  it("lists the service's pods from its own namespace and release", async () => {
    const res = await request(backend)
      .get('/workspaces/a/services/s1/pods')
      .set(auth);
    expect(res.status).toBe(200);
    expect(res.body.pods[0].name).toBe(`${REL}-abc`);
    expect(seen).toEqual([
      {
        url: `/releases/${NS}/${REL}/pods`,
        authorization: 'Bearer operator-token',
      },
    ]);
  });

  it('streams: the first line reaches the browser before the operator sends the second', async () => {
    const received: string[] = [];
    const done = new Promise<string>((resolve, reject) => {
      http
        .get(
          {
            host: '127.0.0.1',
            port: portOf(backend),
            path: '/workspaces/a/services/s1/pod-logs?pod=p1&container=app&tailLines=10&timestamps=true',
            headers: auth,
          },
          res => {
            expect(res.statusCode).toBe(200);
            expect(res.headers['content-type']).toMatch(/^text\/plain/);
            expect(res.headers['cache-control']).toContain('no-transform');
            res.setEncoding('utf8');
            res.on('data', chunk => {
              received.push(chunk);
              if (received.join('').includes('first line')) releaseSecondLine();
            });
            res.on('end', () => resolve(received.join('')));
          },
        )
        .on('error', reject);
    });
    expect(await done).toBe('first line\nsecond line\n');
    expect(received[0]).toBe('first line\n');
    expect(seen[0].url).toBe(
      `/releases/${NS}/${REL}/logs?pod=p1&container=app&tailLines=10&timestamps=true`,
    );
  });

  it('ends the operator request when the browser leaves a followed log', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: portOf(backend),
          path: '/workspaces/a/services/s1/pod-logs?pod=p1&follow=true',
          headers: auth,
        },
        res => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', e =>
        e.message.includes('socket hang up') ? 0 : reject(e),
      );
    });
    await expect(operatorRequestClosed).resolves.toBeUndefined();
  });

  it('refuses viewers (logs may print secrets) without asking the operator', async () => {
    role = 'viewer';
    for (const path of ['pods', 'pod-logs?pod=p1']) {
      const res = await request(backend)
        .get(`/workspaces/a/services/s1/${path}`)
        .set(auth);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('member');
    }
    expect(seen).toEqual([]);
  });

  it('answers 400 naming the field, 404 for an unknown service or a pod not of the service', async () => {
    const bad = await request(backend)
      .get('/workspaces/a/services/s1/pod-logs?pod=p1&tailLines=-3')
      .set(auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('tailLines');
    const unknown = await request(backend)
      .get('/workspaces/a/services/nope/pod-logs?pod=p1')
      .set(auth);
    expect(unknown.status).toBe(404);
    const other = await request(backend)
      .get('/workspaces/a/services/s1/pod-logs?pod=other')
      .set(auth);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toContain('not a pod of release');
    expect(seen.map(s => s.url)).toEqual([
      `/releases/${NS}/${REL}/logs?pod=other`,
    ]);
  });
});
