import { V1Ingress } from '@kubernetes/client-node';
import {
  releaseInfoResponseSchema,
  releaseRevisionsResponseSchema,
  releaseStatusResponseSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import request from 'supertest';
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
  TEST_BASE_DOMAIN,
  TEST_TLS_SECRET_NAME,
} from './__testUtils__/testenv';

// Real helm against a real control plane on a shared, slow machine: a
// generous safety net per test (repo-wide runs ignore package testTimeout).
jest.setTimeout(180_000);

// The main flow against the real control plane (kwok nodes), once with helm 4
// and once with helm 3: namespace, install with an Ingress, pods Ready,
// upgrade, diff, rollback, history, chart-version upgrade, uninstall.

const env = requireTestEnv();
const kube = kubeClients();

describe.each([
  ['helm 4', env.helm4],
  ['helm 3', env.helm3],
])('release lifecycle with %s', (_label, helm) => {
  const ws = `rl${runId()}`;
  const ns = `paas-ws-${ws}`;
  const rel = `${ns}-app`;
  const base = `/api/helm-operator/releases/${ns}/${rel}`;
  let server: any;
  let chartsDir: string;

  const api = () => ({
    get: (p: string) => request(server).get(p).set('Authorization', SERVICE),
    post: (p: string, body: object = {}) =>
      request(server).post(p).set('Authorization', SERVICE).send(body),
    patch: (p: string, body: object) =>
      request(server).patch(p).set('Authorization', SERVICE).send(body),
    put: (p: string, body: object) =>
      request(server).put(p).set('Authorization', SERVICE).send(body),
    del: (p: string) => request(server).delete(p).set('Authorization', SERVICE),
  });
  const statusOf = async () =>
    releaseStatusResponseSchema.parse((await api().get(`${base}/status`)).body);
  const running = (desired: number) =>
    eventually(
      async () => {
        const s = await statusOf();
        return s.state === 'running' && s.workloads[0]?.desired === desired
          ? s
          : undefined;
      },
      { what: `${rel} running with ${desired} replica(s)` },
    );

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

  it('creates the workspace namespace idempotently, with labels, quota and limit range', async () => {
    const first = await api().post('/api/helm-operator/namespaces', {
      workspaceId: ws,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      namespace: ns,
      created: true,
      quota: { requestsCpu: '8', limitsMemory: '32Gi' },
    });
    const again = await api().post('/api/helm-operator/namespaces', {
      workspaceId: ws,
    });
    expect(again.body).toMatchObject({ namespace: ns, created: false });

    const nsObj = await kube.core.readNamespace({ name: ns });
    expect(nsObj.metadata?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'woow-cloud-services',
      'woow.cloud/workspace-id': ws,
    });
    const quota = await kube.core.readNamespacedResourceQuota({
      name: 'workspace-quota',
      namespace: ns,
    });
    expect(quota.spec?.hard).toEqual({
      'requests.cpu': '8',
      'requests.memory': '16Gi',
      'limits.cpu': '16',
      'limits.memory': '32Gi',
      persistentvolumeclaims: '10',
      'requests.storage': '100Gi',
    });
    const lr = await kube.core.readNamespacedLimitRange({
      name: 'workspace-limits',
      namespace: ns,
    });
    expect(lr.spec?.limits[0]).toMatchObject({
      type: 'Container',
      defaultRequest: { cpu: '100m' },
    });

    const tooBig = await api().post('/api/helm-operator/namespaces', {
      workspaceId: ws,
      quota: { limitsCpu: '1000' },
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toContain('quota.limitsCpu');
    const raised = await api().post('/api/helm-operator/namespaces', {
      workspaceId: ws,
      quota: { requestsCpu: '12' },
    });
    expect(raised.body.quota.requestsCpu).toBe('12');
  });

  it('installs a release with an Ingress; pods become Ready and the status says running', async () => {
    const res = await api().post('/api/helm-operator/releases', {
      namespace: ns,
      releaseName: rel,
      chart: { localName: 'woow-fixture-app', version: '0.1.0' },
      values: { replicaCount: 1, env: { GREETING: 'hello' } },
      ingress: { subdomain: `app-${ws}` },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      namespace: ns,
      releaseName: rel,
      status: 'deployed',
      revision: 1,
    });
    expect(res.body.ingress.hosts).toEqual([`app-${ws}.${TEST_BASE_DOMAIN}`]);

    const status = await running(1);
    expect(status.helmStatus).toBe('deployed');
    expect(status.pods).toHaveLength(1);
    expect(status.pods[0]).toMatchObject({
      ready: true,
      phase: 'Running',
      restarts: 0,
    });

    const ing: V1Ingress = await kube.networking.readNamespacedIngress({
      name: rel,
      namespace: ns,
    });
    expect(ing.spec?.ingressClassName).toBe('traefik');
    expect(ing.spec?.tls).toEqual([
      {
        hosts: [`app-${ws}.${TEST_BASE_DOMAIN}`],
        secretName: TEST_TLS_SECRET_NAME,
      },
    ]);
    const backend = ing.spec?.rules?.[0].http?.paths[0].backend.service;
    expect(backend).toEqual({
      name: `${rel}-woow-fixture-app`,
      port: { name: 'http' },
    });
  });

  it('refuses to install the same release twice (409)', async () => {
    const res = await api().post('/api/helm-operator/releases', {
      namespace: ns,
      releaseName: rel,
      chart: { localName: 'woow-fixture-app' },
      values: {},
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('already exists');
  });

  it('reports the release', async () => {
    const info = releaseInfoResponseSchema.parse((await api().get(base)).body);
    expect(info).toMatchObject({
      chart: 'woow-fixture-app',
      chartVersion: '0.1.0',
      appVersion: '1.0',
      revision: 1,
      status: 'deployed',
      description: 'Install complete',
    });
    expect(info.notes).toContain('Deployment');
    expect(Date.parse(info.lastDeployed)).not.toBeNaN();
  });

  it('upgrades: the values sent replace the user values (revision 2)', async () => {
    const res = await api().patch(base, { values: { replicaCount: 2 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'deployed', revision: 2 });
    expect(res.body.ingress.hosts).toEqual([`app-${ws}.${TEST_BASE_DOMAIN}`]);
    // env.GREETING is gone: reset-values, not reuse-values
    expect(
      JSON.parse(
        await rawHelm(helm, ['get', 'values', rel, '-n', ns, '-o', 'json']),
      ),
    ).toEqual({ replicaCount: 2 });
    await running(2);
  });

  it('diffs an upgrade without changing anything, secrets masked', async () => {
    const res = await api().post(`${base}/diff`, {
      values: { replicaCount: 3, password: 'n3w-pa55word' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fromRevision: 2,
      target: 'upgrade',
      changed: true,
    });
    expect(res.body.values).toEqual({
      added: [{ path: 'password', value: '***' }],
      removed: [],
      changed: [{ path: 'replicaCount', from: 2, to: 3 }],
    });
    expect(res.body.manifestDiff).toContain('+  replicas: 3');
    expect(res.body.manifestDiff).toContain('kind: Secret');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('n3w-pa55word');
    expect(text).not.toContain(Buffer.from('n3w-pa55word').toString('base64'));
    expect((await statusOf()).revision).toBe(2);

    const back = await api().post(`${base}/diff`, { rollbackRevision: 1 });
    expect(back.body).toMatchObject({ target: 'rollback', fromRevision: 2 });
    expect(back.body.values.changed).toEqual([
      { path: 'replicaCount', from: 2, to: 1 },
    ]);
    expect(back.body.values.added).toEqual([
      { path: 'env.GREETING', value: 'hello' },
    ]);
  });

  it('rolls back to revision 1 (a new revision 3) and lists the history', async () => {
    const res = await api().post(`${base}/rollback`, { revision: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'deployed', revision: 3 });
    await running(1);
    const history = releaseRevisionsResponseSchema.parse(
      (await api().get(`${base}/revisions`)).body,
    );
    expect(history.revisions.map(r => [r.revision, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'deployed'],
    ]);
    expect(history.revisions[2]).toMatchObject({
      chart: 'woow-fixture-app-0.1.0',
      appVersion: '1.0',
      description: 'Rollback to 1',
    });
  });

  it('upgrades the chart version, keeping the current values', async () => {
    const res = await api().patch(base, { chartVersion: '0.2.0' });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(4);
    const info = (await api().get(base)).body;
    expect(info).toMatchObject({ chartVersion: '0.2.0', appVersion: '2.0' });
    expect(
      JSON.parse(
        await rawHelm(helm, ['get', 'values', rel, '-n', ns, '-o', 'json']),
      ),
    ).toEqual({
      replicaCount: 1,
      env: { GREETING: 'hello' },
    });
  });

  it('edits the custom domain of the Ingress', async () => {
    const res = await api().put(`${base}/ingress`, {
      subdomain: `app-${ws}`,
      customDomain: `shop-${ws}.example.com`,
    });
    expect(res.status).toBe(200);
    expect(res.body.hosts).toEqual([
      `app-${ws}.${TEST_BASE_DOMAIN}`,
      `shop-${ws}.example.com`,
    ]);
    const ing = await kube.networking.readNamespacedIngress({
      name: rel,
      namespace: ns,
    });
    expect(ing.spec?.rules?.map(r => r.host)).toEqual(res.body.hosts);
  });

  it('uninstalls the release and its Ingress', async () => {
    const res = await api().del(`${base}?deleteData=false`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      namespace: ns,
      releaseName: rel,
      ingressDeleted: true,
      deletedPvcs: [],
      retainedPvcs: [],
    });
    await expect(
      kube.networking.readNamespacedIngress({ name: rel, namespace: ns }),
    ).rejects.toMatchObject({ code: 404 });
    expect((await api().get(base)).status).toBe(404);
    expect(
      JSON.parse(await rawHelm(helm, ['list', '-n', ns, '-o', 'json'])),
    ).toEqual([]);
  });

  it('keeps StatefulSet volumes unless asked to delete data', async () => {
    const install = (name: string) =>
      api().post('/api/helm-operator/releases', {
        namespace: ns,
        releaseName: name,
        chart: { localName: 'woow-fixture-app' },
        values: {
          kind: 'StatefulSet',
          persistence: { enabled: true, size: '1Gi' },
        },
      });
    const kept = `${ns}-keep`;
    const gone = `${ns}-gone`;
    expect((await install(kept)).status).toBe(201);
    expect((await install(gone)).status).toBe(201);
    const pvcOf = (r: string) => `data-${r}-woow-fixture-app-0`;
    await eventually(
      async () => {
        const list = await kube.core.listNamespacedPersistentVolumeClaim({
          namespace: ns,
        });
        const names = list.items.map(p => p.metadata?.name);
        return names.includes(pvcOf(kept)) && names.includes(pvcOf(gone));
      },
      { what: 'the StatefulSet PVCs' },
    );

    const keep = await api().del(`/api/helm-operator/releases/${ns}/${kept}`);
    expect(keep.status).toBe(200);
    expect(keep.body).toMatchObject({
      deletedPvcs: [],
      retainedPvcs: [pvcOf(kept)],
    });
    const pvc = await kube.core.readNamespacedPersistentVolumeClaim({
      name: pvcOf(kept),
      namespace: ns,
    });
    expect(pvc.metadata?.deletionTimestamp).toBeUndefined();

    const del = await api().del(
      `/api/helm-operator/releases/${ns}/${gone}?deleteData=true`,
    );
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({
      deletedPvcs: [pvcOf(gone)],
      retainedPvcs: [],
    });
    await eventually(
      () =>
        kube.core
          .readNamespacedPersistentVolumeClaim({
            name: pvcOf(gone),
            namespace: ns,
          })
          .then(p => !!p.metadata?.deletionTimestamp)
          .catch(e => (e.code === 404 ? true : Promise.reject(e))),
      { what: 'the deleted PVC to go' },
    );
  });

  it('refuses to "keep data" when helm itself would delete a chart PVC', async () => {
    const name = `${ns}-plain`;
    const res = await api().post('/api/helm-operator/releases', {
      namespace: ns,
      releaseName: name,
      chart: { localName: 'woow-fixture-app' },
      values: { persistence: { enabled: true } },
    });
    expect(res.status).toBe(201);
    // Said beforehand: the chart's PVC does not survive uninstall.
    const volumes = await api().get(
      `/api/helm-operator/releases/${ns}/${name}/volumes`,
    );
    expect(volumes.body).toMatchObject({
      survivingUninstall: [],
      deletedByUninstall: [expect.any(String)],
      keepDataPossible: false,
    });
    const refused = await api().del(
      `/api/helm-operator/releases/${ns}/${name}`,
    );
    expect(refused.status).toBe(409);
    // A permanent refusal by name: callers do not retry it.
    expect(refused.body.error.name).toBe('KeepDataImpossibleError');
    expect(refused.body.error.message).toContain('deleteData=true');
    expect(
      (await api().get(`/api/helm-operator/releases/${ns}/${name}`)).status,
    ).toBe(200);
    const del = await api().del(
      `/api/helm-operator/releases/${ns}/${name}?deleteData=true`,
    );
    expect(del.status).toBe(200);
  });
});
