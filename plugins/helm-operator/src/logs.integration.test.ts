import { releasePodsResponseSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  deleteNamespaces,
  eventually,
  kubeClients,
  makeChartsDir,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';

jest.setTimeout(180_000);

// Pod logs against the real API server: kwok serves every pod's log from
// one CRI-format file (tools/testenv: ClusterLogs -> $WOOW_KWOK_POD_LOG), so
// a line appended there shows in a follow stream that is already open.

const env = requireTestEnv();
const kube = kubeClients();
const podLog = process.env.WOOW_KWOK_POD_LOG;

function appendLogLine(text: string) {
  if (!podLog) throw new Error('WOOW_KWOK_POD_LOG is unset: run testenv up');
  fs.appendFileSync(podLog, `${new Date().toISOString()} stdout F ${text}\n`);
}

/** pods/log requests the API server holds open (to see none is left behind). */
async function openLogStreams(): Promise<number> {
  const options: https.RequestOptions = {};
  await kube.config.applyToHTTPSOptions(options);
  const url = `${kube.config.getCurrentCluster()!.server}/metrics`;
  const text = await new Promise<string>((resolve, reject) => {
    https
      .get(url, options, res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', c => {
          body += c;
        });
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
  return text
    .split('\n')
    .filter(
      l =>
        l.startsWith('apiserver_longrunning_requests{') &&
        l.includes('subresource="log"'),
    )
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
}

describe('release pod logs', () => {
  const ws = `lg${runId()}`;
  const ns = `paas-ws-${ws}`;
  const relA = `${ns}-a`;
  const relB = `${ns}-b`;
  let server: http.Server;
  let chartsDir: string;
  let podA: string;
  let podB: string;

  const get = (p: string) =>
    request(server).get(p).set('Authorization', SERVICE);

  const podsOf = (rel: string) =>
    eventually(
      async () => {
        const res = await get(`/api/helm-operator/releases/${ns}/${rel}/pods`);
        const body = releasePodsResponseSchema.parse(res.body);
        const running = body.pods.find(p => p.phase === 'Running');
        return running ? body : undefined;
      },
      { what: `a running pod of ${rel}` },
    );

  beforeAll(async () => {
    chartsDir = await makeChartsDir(env.helm4);
    ({ server } = (await startOperator({
      helmBinary: env.helm4,
      localChartsDir: chartsDir,
    })) as unknown as { server: http.Server });
    const created = await request(server)
      .post('/api/helm-operator/namespaces')
      .set('Authorization', SERVICE)
      .send({ workspaceId: ws });
    if (created.status !== 200) throw new Error(`namespace: ${created.text}`);
    for (const rel of [relA, relB]) {
      const res = await request(server)
        .post('/api/helm-operator/releases')
        .set('Authorization', SERVICE)
        .send({
          namespace: ns,
          releaseName: rel,
          chart: { localName: 'woow-fixture-app', version: '0.1.0' },
          values: { replicaCount: 1 },
        });
      if (res.status !== 201) throw new Error(`install ${rel}: ${res.text}`);
    }
    podA = (await podsOf(relA)).pods[0].name;
    podB = (await podsOf(relB)).pods[0].name;
  });

  afterAll(async () => {
    await deleteNamespaces(kube, [ns]);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('lists the release pods with their containers, and only them', async () => {
    const res = await get(`/api/helm-operator/releases/${ns}/${relA}/pods`);
    expect(res.status).toBe(200);
    expect(res.body.pods.map((p: { name: string }) => p.name)).toEqual([podA]);
    expect(res.body.pods[0].containers).toEqual([{ name: 'app', init: false }]);
  });

  it('reads a container log as text', async () => {
    const marker = `plain-${runId()}`;
    appendLogLine(marker);
    const res = await get(
      `/api/helm-operator/releases/${ns}/${relA}/logs?pod=${podA}&container=app&tailLines=50&timestamps=true`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const line = res.text.split('\n').find(l => l.endsWith(marker));
    expect(line).toMatch(/^\d{4}-\d\d-\d\dT\S+Z plain-/);
  });

  it('follows: a line appended after the stream opened arrives, and a disconnect ends the API server request', async () => {
    const before = await openLogStreams();
    const { port } = server.address() as AddressInfo;
    const marker = `follow-${runId()}`;
    let received = '';
    let req: http.ClientRequest | undefined;
    await new Promise<void>((resolve, reject) => {
      req = http.get(
        {
          host: '127.0.0.1',
          port,
          path: `/api/helm-operator/releases/${ns}/${relA}/logs?pod=${podA}&follow=true&tailLines=0`,
          headers: { Authorization: SERVICE },
        },
        res => {
          if (res.statusCode !== 200) {
            reject(new Error(`HTTP ${res.statusCode}`));
            return;
          }
          res.setEncoding('utf8');
          res.on('data', chunk => {
            received += chunk;
            if (received.includes(marker)) resolve();
          });
          // The response started: the API server's stream is open. kwok
          // watches the file; append until the line shows (a write that
          // lands before its watch is in place is not sent again).
          const append = () => {
            if (received.includes(marker)) return;
            appendLogLine(marker);
          };
          append();
          const again = setInterval(() => {
            if (received.includes(marker)) clearInterval(again);
            else append();
          }, 2000);
          res.on('close', () => clearInterval(again));
        },
      );
      req.on('error', reject);
    });
    expect(received).toContain(marker);
    expect(await openLogStreams()).toBeGreaterThan(before);
    req!.destroy();
    await eventually(async () => (await openLogStreams()) <= before, {
      what: 'the pods/log request to end after the client left',
    });
  });

  it('refuses a pod of another release with 404, and an unknown container with 400', async () => {
    const other = await get(
      `/api/helm-operator/releases/${ns}/${relA}/logs?pod=${podB}`,
    );
    expect(other.status).toBe(404);
    expect(other.body.error.message).toContain(
      `not a pod of release "${relA}"`,
    );
    const missing = await get(
      `/api/helm-operator/releases/${ns}/${relA}/logs?pod=${relA}-nope`,
    );
    expect(missing.status).toBe(404);
    const container = await get(
      `/api/helm-operator/releases/${ns}/${relA}/logs?pod=${podA}&container=db`,
    );
    expect(container.status).toBe(400);
    expect(container.body.error.message).toContain('container');
  });

  it.each([
    ['', 'pod'],
    [`pod=${'x'}&tailLines=-1`, 'tailLines'],
    [`pod=x&tailLines=99999`, 'tailLines'],
    [`pod=x&follow=yes`, 'follow'],
    [`pod=x&sinceSeconds=abc`, 'sinceSeconds'],
    [`pod=Bad_Name`, 'pod'],
    [`pod=x&shell=1`, 'shell'],
  ])('answers ?%s with a 400 naming %s', async (query, field) => {
    const res = await get(
      `/api/helm-operator/releases/${ns}/${relA}/logs?${query}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });

  it('keeps other namespaces out', async () => {
    const res = await get(
      `/api/helm-operator/releases/kube-system/${relA}/logs?pod=${podA}`,
    );
    expect([400, 403]).toContain(res.status);
    const pods = await get(`/api/helm-operator/releases/kube-system/x/pods`);
    expect([400, 403]).toContain(pods.status);
  });
});
