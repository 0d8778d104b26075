import { KubeConfig } from '@kubernetes/client-node';
import {
  namespaceReleaseStatusesResponseSchema,
  operatorHealthResponseSchema,
  releaseInfoResponseSchema,
  releaseRevisionsResponseSchema,
  releaseStatusResponseSchema,
  releaseValuesResponseSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { OperatorInformers } from './cache/OperatorInformers';
import { createKubeClients } from './kube/KubeClients';
import {
  deleteNamespaces,
  eventually,
  kubeClients,
  makeChartsDir,
  rawHelm,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';

// Reads come from the operator's watch caches: what they answer must equal
// what helm and the API server say, after the operator's own changes, after
// changes made behind its back, and after its watch failed and came back.

jest.setTimeout(240_000);

const env = requireTestEnv();
const kube = kubeClients();
const helm = env.helm4;

/** helm's own view of a release, through the raw binary. */
async function helmSays(ns: string, rel: string) {
  const json = async (args: string[]) =>
    JSON.parse(await rawHelm(helm, [...args, '-n', ns, '-o', 'json']));
  const [history, values, metadata] = await Promise.all([
    json(['history', rel]),
    json(['get', 'values', rel]),
    json(['get', 'metadata', rel]),
  ]);
  const notes = (await rawHelm(helm, ['get', 'notes', rel, '-n', ns])).replace(
    /^NOTES:\n/,
    '',
  );
  return { history, values: values ?? {}, metadata, notes };
}

describe('reads from the watch caches', () => {
  const ws = `inf${runId()}`;
  const ns = `paas-ws-${ws}`;
  const rel = `${ns}-app`;
  const base = `/api/helm-operator/releases/${ns}/${rel}`;
  let server: any;
  let chartsDir: string;
  const get = (p: string) =>
    request(server).get(p).set('Authorization', SERVICE);

  beforeAll(async () => {
    chartsDir = await makeChartsDir(helm);
    ({ server } = await startOperator({
      helmBinary: helm,
      localChartsDir: chartsDir,
    }));
  });

  afterAll(async () => {
    await deleteNamespaces(kube, [ns]);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  /** Every read endpoint against helm and the API server. */
  async function expectSameAsHelm() {
    const said = await helmSays(ns, rel);
    const history = releaseRevisionsResponseSchema.parse(
      (await get(`${base}/revisions`)).body,
    );
    expect(history.revisions).toEqual(
      said.history.map((h: any) => ({
        revision: h.revision,
        status: h.status,
        chart: h.chart,
        appVersion: h.app_version ?? '',
        updated: h.updated,
        description: h.description ?? '',
      })),
    );
    const values = releaseValuesResponseSchema.parse(
      (await get(`${base}/values`)).body,
    );
    expect(values).toEqual({
      namespace: ns,
      releaseName: rel,
      revision: said.metadata.revision,
      values: said.values,
    });
    const info = releaseInfoResponseSchema.parse((await get(base)).body);
    expect(info).toMatchObject({
      chart: said.metadata.chart,
      chartVersion: said.metadata.version,
      appVersion: said.metadata.appVersion,
      revision: said.metadata.revision,
      status: said.metadata.status,
      lastDeployed: said.metadata.deployedAt,
      description: said.history[said.history.length - 1].description,
      notes: said.notes,
    });
    const status = releaseStatusResponseSchema.parse(
      (await get(`${base}/status`)).body,
    );
    expect(status).toMatchObject({
      helmStatus: said.metadata.status,
      revision: said.metadata.revision,
    });
    return status;
  }

  /** The status endpoint's workloads and pods against the API server's. */
  async function statusMatchesCluster() {
    const status = releaseStatusResponseSchema.parse(
      (await get(`${base}/status`)).body,
    );
    const name = `${rel}-woow-fixture-app`;
    const live = await kube.apps.readNamespacedDeployment({
      name,
      namespace: ns,
    });
    const pods = await kube.core.listNamespacedPod({
      namespace: ns,
      labelSelector: Object.entries(live.spec!.selector.matchLabels!)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    });
    const same =
      status.workloads[0]?.desired === live.spec?.replicas &&
      status.workloads[0]?.ready === (live.status?.readyReplicas ?? 0) &&
      JSON.stringify(status.pods.map(p => p.name).sort()) ===
        JSON.stringify(pods.items.map(p => p.metadata!.name).sort());
    return same ? status : undefined;
  }

  it('install, upgrade, rollback through the operator: every read equals helm', async () => {
    expect(
      (
        await request(server)
          .post('/api/helm-operator/namespaces')
          .set('Authorization', SERVICE)
          .send({ workspaceId: ws })
      ).status,
    ).toBe(200);
    const install = await request(server)
      .post('/api/helm-operator/releases')
      .set('Authorization', SERVICE)
      .send({
        namespace: ns,
        releaseName: rel,
        chart: { localName: 'woow-fixture-app', version: '0.1.0' },
        values: { env: { GREETING: 'hello' } },
      });
    expect(install.status).toBe(201);
    // Read right after the mutation: the operator waited for its cache.
    await expectSameAsHelm();

    const upgrade = await request(server)
      .patch(base)
      .set('Authorization', SERVICE)
      .send({ values: { replicaCount: 2, password: 'pa55word-x' } });
    expect(upgrade.status).toBe(200);
    await expectSameAsHelm();

    const rollback = await request(server)
      .post(`${base}/rollback`)
      .set('Authorization', SERVICE)
      .send({ revision: 1 });
    expect(rollback.status).toBe(200);
    const status = await expectSameAsHelm();
    expect(status.revision).toBe(3);
  });

  it('a change made with helm behind the operator’s back shows without a request to helm', async () => {
    await rawHelm(helm, [
      'upgrade',
      rel,
      `${chartsDir}/woow-fixture-app`,
      '-n',
      ns,
      '--reset-values',
      '--set',
      'replicaCount=3',
    ]);
    await eventually(
      async () => (await get(`${base}/revisions`)).body.revisions?.length === 4,
      { what: 'revision 4 in the cache' },
    );
    expect((await expectSameAsHelm()).revision).toBe(4);
  });

  it('pod changes show in the status as the API server has them', async () => {
    await eventually(statusMatchesCluster, { what: 'status = cluster (3)' });
    const scale = await kube.apps.readNamespacedDeploymentScale({
      name: `${rel}-woow-fixture-app`,
      namespace: ns,
    });
    scale.spec = { replicas: 1 };
    await kube.apps.replaceNamespacedDeploymentScale({
      name: `${rel}-woow-fixture-app`,
      namespace: ns,
      body: scale,
    });
    const status = await eventually(
      async () => {
        const s = await statusMatchesCluster();
        return s?.workloads[0].desired === 1 && s.pods.length === 1
          ? s
          : undefined;
      },
      { what: 'status with 1 pod, as in the cluster' },
    );
    expect(status.workloads[0].desired).toBe(1);
  });

  it("the namespace's status holds each release as its own status route has it", async () => {
    const own = releaseStatusResponseSchema.parse(
      (await get(`${base}/status`)).body,
    );
    const all = namespaceReleaseStatusesResponseSchema.parse(
      (await get(`/api/helm-operator/namespaces/${ns}/releases/status`)).body,
    );
    expect(all).toEqual({ namespace: ns, releases: [own] });
  });

  it('/health lists the informers, synced', async () => {
    const health = operatorHealthResponseSchema.parse(
      (await get('/api/helm-operator/health')).body,
    );
    expect(health.status).toBe('ok');
    expect(health.informers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'helm release secrets', synced: true }),
      ]),
    );
  });

  it('after an uninstall the release is gone from every read (404)', async () => {
    const res = await request(server)
      .delete(base)
      .set('Authorization', SERVICE);
    expect(res.status).toBe(200);
    expect((await get(`${base}/revisions`)).status).toBe(404);
    expect((await get(`${base}/status`)).status).toBe(404);
    expect((await get(`${base}/values`)).status).toBe(404);
    expect(
      (await get(`/api/helm-operator/namespaces/${ns}/releases/status`)).body,
    ).toEqual({ namespace: ns, releases: [] });
  });
});

/**
 * A TCP relay to the API server that the test can cut: the informers'
 * connections die and new ones are refused until it is opened again.
 */
class CuttableRelay {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = net.createServer(client => {
      const upstream = net.connect(this.target);
      this.sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>(resolve =>
      server.listen(this.port, '127.0.0.1', resolve),
    );
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>(resolve => server?.close(() => resolve()));
  }
}

describe('informer restart after a failed watch', () => {
  const ns = `paas-ws-rst${runId()}`;
  const rel = `${ns}-app`;
  let relay: CuttableRelay;
  let informers: OperatorInformers;
  let kubeconfigDir: string;
  const ref = { namespace: ns, releaseName: rel };

  beforeAll(async () => {
    const direct = new KubeConfig();
    direct.loadFromFile(env.kubeconfig);
    const server = new URL(direct.getCurrentCluster()!.server);
    relay = new CuttableRelay({
      host: server.hostname,
      port: Number(server.port),
    });
    await relay.open();
    // The same credentials, through the relay (the certificate is for
    // 127.0.0.1, which the relay also is).
    // Credentials: in a private directory, removed after the test.
    kubeconfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-relay-'));
    const file = path.join(kubeconfigDir, 'kubeconfig');
    const viaRelay = new KubeConfig();
    viaRelay.loadFromOptions({
      clusters: direct.clusters.map(c => ({
        ...c,
        server: `https://127.0.0.1:${relay.port}`,
      })),
      users: direct.users,
      contexts: direct.contexts,
      currentContext: direct.currentContext,
    });
    fs.writeFileSync(file, viaRelay.exportConfig(), { mode: 0o600 });
    informers = new OperatorInformers(
      createKubeClients({ kubeconfigPath: file }),
      {
        namespacePrefix: 'paas-ws-',
        logger: mockServices.logger.mock(),
        retryDelayMs: 200,
        maxRetryDelayMs: 1000,
      },
    );
    await kube.core.createNamespace({ body: { metadata: { name: ns } } });
    await informers.start();
  });

  afterAll(async () => {
    informers?.stop();
    await relay?.cut();
    if (kubeconfigDir)
      fs.rmSync(kubeconfigDir, { recursive: true, force: true });
    await deleteNamespaces(kube, [ns]);
  });

  it('reports the failure in health, restarts, and catches up with a change made meanwhile', async () => {
    expect(informers.health()[0]).toMatchObject({ synced: true, restarts: 0 });
    await rawHelm(helm, [
      'install',
      rel,
      `${env.fixtureCharts}/woow-fixture-app`,
      '-n',
      ns,
    ]);
    await eventually(async () => informers.releases.peek(ref)?.revision === 1, {
      what: 'revision 1 through the relay',
    });

    await relay.cut();
    const failed = await eventually(
      async () => {
        const h = informers.health()[0];
        return !h.synced && h.lastError ? h : undefined;
      },
      { what: 'the informer reporting its failed watch' },
    );
    expect(failed.lastError).not.toBe('');

    // Changed while the operator cannot see: upgrade straight to the API server.
    await rawHelm(helm, [
      'upgrade',
      rel,
      `${env.fixtureCharts}/woow-fixture-app`,
      '-n',
      ns,
      '--set',
      'replicaCount=2',
    ]);
    expect(informers.releases.peek(ref)?.revision).toBe(1);

    await relay.open();
    await eventually(
      async () => {
        const h = informers.health()[0];
        return h.synced && informers.releases.peek(ref)?.revision === 2;
      },
      { what: 'resynced with revision 2' },
    );
    expect(informers.health()[0].restarts).toBeGreaterThan(0);
    expect(informers.health()[0].lastError).toBeUndefined();
    expect(informers.releases.latest(ref).values).toEqual({ replicaCount: 2 });
    expect(
      informers.releases.revisions(ref).map(r => [r.revision, r.status]),
    ).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
  });
});
