import execa from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { stringify } from 'yaml';
import {
  deleteNamespaces,
  eventually,
  kubeClients,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';

// Real helm against a real control plane on a shared, slow machine: a
// generous safety net per test (repo-wide runs ignore package testTimeout).
jest.setTimeout(180_000);

// A namespace whose quota fits one pod of the fixture chart: real quota
// failures, and real stuck releases (a helm --wait killed mid-way).

const env = requireTestEnv();
const kube = kubeClients();

describe.each([
  ['helm 4', env.helm4],
  ['helm 3', env.helm3],
])('quota failures and stuck releases with %s', (_label, helm) => {
  const ws = `rc${runId()}`;
  const ns = `paas-ws-${ws}`;
  const rel = `${ns}-app`;
  const base = `/api/helm-operator/releases/${ns}/${rel}`;
  let server: any;
  let tmp: string;

  const get = (p: string) =>
    request(server).get(p).set('Authorization', SERVICE);
  const post = (p: string, body: object = {}) =>
    request(server).post(p).set('Authorization', SERVICE).send(body);

  /** Starts a raw `helm <cmd> --wait` that cannot finish, and kills it once helm recorded the pending state. */
  async function interruptedHelm(
    args: string[],
    release: string,
    pending: string,
  ) {
    const valuesFile = path.join(tmp, `${release}.yaml`);
    fs.writeFileSync(
      valuesFile,
      stringify({ replicaCount: 1, env: { CHANGED: 'yes' } }),
    );
    const child = execa(
      helm,
      [...args, '-n', ns, '-f', valuesFile, '--wait', '--timeout=10m'],
      {
        env: { KUBECONFIG: env.kubeconfig },
        reject: false,
      },
    );
    try {
      await eventually(
        async () =>
          (
            await get(`/api/helm-operator/releases/${ns}/${release}`)
          ).body.status === pending,
        { what: `${release} ${pending}` },
      );
    } finally {
      child.kill('SIGKILL');
      await child;
    }
  }

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'recovery-'));
    ({ server } = await startOperator({
      helmBinary: helm,
      localChartsDir: env.fixtureCharts,
    }));
    // The fixture's pod has limits.cpu 100m: room for exactly one.
    const res = await post('/api/helm-operator/namespaces', {
      workspaceId: ws,
      quota: { limitsCpu: '100m' },
    });
    if (res.body.quota?.limitsCpu !== '100m')
      throw new Error(`namespace setup failed: ${JSON.stringify(res.body)}`);
  });

  afterAll(async () => {
    await deleteNamespaces(kube, [ns]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports pods the quota did not let in (degraded, QuotaExceeded)', async () => {
    const install = await post('/api/helm-operator/releases', {
      namespace: ns,
      releaseName: rel,
      chart: { localName: 'woow-fixture-app' },
      values: { replicaCount: 1 },
    });
    expect(install.status).toBe(201);
    await eventually(
      async () => (await get(`${base}/status`)).body.state === 'running',
      { what: 'running' },
    );

    const upgrade = await request(server)
      .patch(base)
      .set('Authorization', SERVICE)
      .send({ values: { replicaCount: 2 } });
    expect(upgrade.status).toBe(200);
    const status = await eventually(
      async () => {
        const s = (await get(`${base}/status`)).body;
        return s.state === 'degraded' ? s : undefined;
      },
      { what: 'degraded' },
    );
    expect(status.workloads[0]).toMatchObject({ desired: 2, ready: 1 });
    expect(status.problems).toContainEqual(
      expect.objectContaining({
        reason: 'QuotaExceeded',
        object: `Deployment/${rel}-woow-fixture-app`,
      }),
    );
    expect(status.message).toContain('QuotaExceeded');
  });

  it('recovers a release left pending-upgrade by an interrupted helm: back to the last deployed revision', async () => {
    await interruptedHelm(
      [
        'upgrade',
        rel,
        path.join(env.fixtureCharts, 'woow-fixture-app'),
        '--reset-values',
      ],
      rel,
      'pending-upgrade',
    );
    const stuck = (await get(`${base}/status`)).body;
    expect(stuck).toMatchObject({
      state: 'pending-operation',
      helmStatus: 'pending-upgrade',
      revision: 3,
    });

    const blocked = await request(server)
      .patch(base)
      .set('Authorization', SERVICE)
      .send({ values: { replicaCount: 1 } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain('recover');

    const recovered = await post(`${base}/recover`);
    expect(recovered.status).toBe(200);
    expect(recovered.body).toEqual({
      namespace: ns,
      releaseName: rel,
      previousStatus: 'pending-upgrade',
      action: 'rolled-back',
      rolledBackTo: 2,
    });
    expect((await get(base)).body).toMatchObject({
      status: 'deployed',
      revision: 4,
    });

    const again = await post(`${base}/recover`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('not stuck');
  });

  it('recovers a release left pending-install by uninstalling it', async () => {
    const other = `${ns}-never`;
    await interruptedHelm(
      ['install', other, path.join(env.fixtureCharts, 'woow-fixture-app')],
      other,
      'pending-install',
    );
    const recovered = await post(
      `/api/helm-operator/releases/${ns}/${other}/recover`,
    );
    expect(recovered.status).toBe(200);
    expect(recovered.body).toMatchObject({
      previousStatus: 'pending-install',
      action: 'uninstalled',
    });
    expect(
      (await get(`/api/helm-operator/releases/${ns}/${other}`)).status,
    ).toBe(404);
  });

  it('answers 504 when helm runs out of time, telling what to expect', async () => {
    const { server: impatient } = await startOperator({
      helmBinary: helm,
      localChartsDir: env.fixtureCharts,
      waitForReady: true,
      timeouts: { install: 3 },
    });
    const res = await request(impatient)
      .post('/api/helm-operator/releases')
      .set('Authorization', SERVICE)
      .send({
        namespace: ns,
        releaseName: `${ns}-slow`,
        chart: { localName: 'woow-fixture-app' },
        values: {},
      });
    expect(res.status).toBe(504);
    expect(res.body.error.message).toMatch(/GET \.\.\.\/status/);
  });
});
