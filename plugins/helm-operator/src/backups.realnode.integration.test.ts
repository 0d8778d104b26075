import {
  backupListResponseSchema,
  backupResponseSchema,
  OperatorBackup,
  OperatorRestore,
  restoreResponseSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import path from 'node:path';
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

// Backups on real data: the fixture app runs on the test environment's real
// node (kubelet + containerd) with a persistent volume; restic Jobs made by
// the operator back it up to the testenv's S3 server and restore it, in
// place and into a second release. Needs the real node
// (WOOW_TESTENV_REAL_NODE=1, npm test's default).
jest.setTimeout(600_000);

const env = requireTestEnv();
const kube = kubeClients();
const e = process.env;

function requireRealNode() {
  const missing = [
    'WOOW_REAL_NODE',
    'WOOW_REAL_NODE_RESTIC_IMAGE',
    'WOOW_TESTENV_S3_ENDPOINT',
    'WOOW_TESTENV_STATE',
  ].filter(k => !e[k]);
  if (missing.length)
    throw new Error(
      `This test needs the test environment's real node and S3 server (${missing.join(
        ', ',
      )} unset): run it with WOOW_TESTENV_REAL_NODE=1 (npm test's default)`,
    );
}

const onRealNode = {
  persistence: { enabled: true, size: '64Mi' },
  nodeSelector: { 'woow.dev/real-node': 'true' },
  tolerations: [{ key: 'woow.dev/real-node', operator: 'Exists' }],
};

describe('backups of a release on the real node', () => {
  const ws = `bk${runId()}`;
  const ns = `paas-ws-${ws}`;
  const app = `${ns}-app`;
  const copy = `${ns}-copy`;
  const releases = `/api/helm-operator/releases/${ns}`;
  let server: any;
  let chartsDir: string;
  const timings: string[] = [];

  const api = () => ({
    get: (p: string) => request(server).get(p).set('Authorization', SERVICE),
    post: (p: string, body: object = {}) =>
      request(server).post(p).set('Authorization', SERVICE).send(body),
    del: (p: string) => request(server).delete(p).set('Authorization', SERVICE),
  });

  /** The release's app pod, Ready, on the real node; its IP is routed from the host. */
  const readyPod = (release: string) =>
    eventually(
      async () => {
        const pods = await kube.core.listNamespacedPod({
          namespace: ns,
          labelSelector: `app.kubernetes.io/instance=${release}`,
        });
        const pod = pods.items.find(
          p =>
            !p.metadata?.deletionTimestamp &&
            p.status?.conditions?.some(
              c => c.type === 'Ready' && c.status === 'True',
            ),
        );
        return pod?.status?.podIP ? pod : undefined;
      },
      { what: `a Ready pod of ${release}`, timeoutMs: 300_000 },
    );
  const fileUrl = async (release: string, name: string) =>
    `http://${(await readyPod(release)).status!.podIP}:8080/files/${name}`;
  const putFile = async (release: string, name: string, text: string) => {
    const res = await fetch(await fileUrl(release, name), {
      method: 'PUT',
      body: text,
    });
    expect(res.status).toBeLessThan(300);
  };
  const getFile = async (release: string, name: string) => {
    const res = await fetch(await fileUrl(release, name));
    return { status: res.status, text: await res.text() };
  };
  const install = async (release: string) => {
    const res = await api().post(`/api/helm-operator/releases`, {
      namespace: ns,
      releaseName: release,
      chart: { localName: 'woow-fixture-app' },
      values: onRealNode,
    });
    expect(res.status).toBe(201);
    const pod = await readyPod(release);
    expect(pod.spec?.nodeName).toBe(e.WOOW_REAL_NODE);
  };
  const backupOf = async (id: string) =>
    backupResponseSchema.parse(
      (await api().get(`${releases}/${app}/backups/${id}`)).body,
    ).backup;
  const finishedBackup = (id: string) =>
    eventually(
      async () => {
        const b = await backupOf(id);
        return b.phase === 'succeeded' || b.phase === 'failed' ? b : undefined;
      },
      { what: `backup ${id} to finish`, timeoutMs: 300_000 },
    );
  const finishedRestore = (release: string, id: string) =>
    eventually(
      async () => {
        const res = await api().get(`${releases}/${release}/restores/${id}`);
        const r = restoreResponseSchema.parse(res.body).restore;
        return r.phase === 'succeeded' || r.phase === 'failed' ? r : undefined;
      },
      { what: `restore ${id} to finish`, timeoutMs: 300_000 },
    );
  const elapsed = (x: OperatorBackup | OperatorRestore) =>
    (Date.parse(x.completedAt!) - Date.parse(x.startedAt!)) / 1000;
  /** restic's snapshot files of the namespace's repository, as the S3 server stores them. */
  const snapshotsInRepository = () => {
    const dir = path.join(
      e.WOOW_TESTENV_STATE!,
      's3',
      'data',
      e.WOOW_TESTENV_S3_BUCKET!,
      ns,
      'snapshots',
    );
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };

  const backupConfig = () => ({
    s3: {
      endpoint: e.WOOW_TESTENV_S3_ENDPOINT!,
      bucket: e.WOOW_TESTENV_S3_BUCKET!,
      region: e.WOOW_TESTENV_S3_REGION!,
      accessKeyIdEnv: 'WOOW_TESTENV_S3_ACCESS_KEY_ID',
      secretAccessKeyEnv: 'WOOW_TESTENV_S3_SECRET_ACCESS_KEY',
    },
    repositoryPassword: `test-repository-password-${ws}`,
    image: e.WOOW_REAL_NODE_RESTIC_IMAGE!,
    imagePullPolicy: 'Never',
  });

  beforeAll(async () => {
    requireRealNode();
    chartsDir = await makeChartsDir(env.helm4);
    ({ server } = await startOperator({
      helmBinary: env.helm4,
      localChartsDir: chartsDir,
      backups: backupConfig(),
    }));
    const created = await api().post('/api/helm-operator/namespaces', {
      workspaceId: ws,
    });
    if (created.status !== 200)
      throw new Error(`POST /namespaces: ${created.status} ${created.text}`);
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`backup timings (fixture volume):\n${timings.join('\n')}`);
    await deleteNamespaces(kube, [ns]);
    if (chartsDir) fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('backs up the volume of the running app', async () => {
    await install(app);
    await putFile(app, 'known.txt', 'the original content');

    const res = await api().post(`${releases}/${app}/backups`, { id: 'b1' });
    expect(res.status).toBe(202);
    expect(backupResponseSchema.parse(res.body).backup).toMatchObject({
      id: 'b1',
      release: app,
      volumes: [`${app}-woow-fixture-app-data`],
    });
    const again = await api().post(`${releases}/${app}/backups`, { id: 'b1' });
    expect(again.status).toBe(409);

    const backup = await finishedBackup('b1');
    expect(backup).toMatchObject({ phase: 'succeeded', release: app });
    expect(backup.snapshotId).toMatch(/^[0-9a-f]{64}$/);
    expect(backup.sizeBytes).toBeGreaterThan(0);
    expect(snapshotsInRepository()).toEqual([backup.snapshotId]);
    timings.push(`backup: ${elapsed(backup)} s (${backup.sizeBytes} bytes)`);

    const list = backupListResponseSchema.parse(
      (await api().get(`${releases}/${app}/backups`)).body,
    );
    expect(list.backups.map(b => b.id)).toEqual(['b1']);
  });

  it('restores it in place: changed data goes back, data added since goes away', async () => {
    await putFile(app, 'known.txt', 'changed after the backup');
    await putFile(app, 'added.txt', 'written after the backup');

    const res = await api().post(`${releases}/${app}/restores`, {
      id: 'r1',
      backupId: 'b1',
    });
    expect(res.status).toBe(202);
    expect(restoreResponseSchema.parse(res.body).restore).toMatchObject({
      id: 'r1',
      backupId: 'b1',
      sourceRelease: app,
      release: app,
    });
    const restore = await finishedRestore(app, 'r1');
    expect(restore.phase).toBe('succeeded');
    timings.push(`restore in place: ${elapsed(restore)} s`);

    // The workload is scaled back: the app serves the restored volume.
    expect(await getFile(app, 'known.txt')).toEqual({
      status: 200,
      text: 'the original content',
    });
    expect((await getFile(app, 'added.txt')).status).toBe(404);
  });

  it('restores it into a second release (restore as a new service)', async () => {
    await install(copy);
    expect((await getFile(copy, 'known.txt')).status).toBe(404);
    const res = await api().post(`${releases}/${copy}/restores`, {
      id: 'r2',
      backupId: 'b1',
      sourceRelease: app,
    });
    expect(res.status).toBe(202);
    const restore = await finishedRestore(copy, 'r2');
    expect(restore).toMatchObject({
      phase: 'succeeded',
      sourceRelease: app,
      release: copy,
    });
    timings.push(`restore as new: ${elapsed(restore)} s`);
    expect(await getFile(copy, 'known.txt')).toEqual({
      status: 200,
      text: 'the original content',
    });
  });

  it('refuses what it cannot do, naming the reason', async () => {
    const missing = await api().get(`${releases}/${app}/backups/nope`);
    expect(missing.status).toBe(404);
    const badId = await api().post(`${releases}/${app}/backups`, {
      id: 'Not_A_Label',
    });
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/id: must be a DNS label/);
    const outside = await api().get(
      `/api/helm-operator/releases/kube-system/kube-system-x/backups`,
    );
    expect(outside.status).toBe(403);
    const notOfCopy = await api().post(`${releases}/${copy}/restores`, {
      id: 'r3',
      backupId: 'b1',
    });
    expect(notOfCopy.status).toBe(404);
  });

  it("reports failures with restic's reason (another repository password); a failed restore gives the app back", async () => {
    const { server: other } = await startOperator({
      helmBinary: env.helm4,
      localChartsDir: chartsDir,
      backups: {
        ...backupConfig(),
        repositoryPassword: 'not-the-password-of-this-repo',
      },
    });
    const call = (p: string, body: object) =>
      request(other).post(p).set('Authorization', SERVICE).send(body);
    expect(
      (await call(`${releases}/${app}/backups`, { id: 'b2' })).status,
    ).toBe(202);
    const backup = await finishedBackup('b2');
    expect(backup.phase).toBe('failed');
    expect(backup.message).toMatch(/wrong password/);
    expect(backup.snapshotId).toBeUndefined();
    expect(backup.message).not.toContain('not-the-password-of-this-repo');

    const restore = await call(`${releases}/${app}/restores`, {
      id: 'r9',
      backupId: 'b1',
    });
    expect(restore.status).toBe(202);
    const failed = await finishedRestore(app, 'r9');
    expect(failed.phase).toBe('failed');
    expect(failed.message).toMatch(/wrong password/);
    // Scaled back: the app serves its (untouched) volume again.
    expect(await getFile(app, 'known.txt')).toEqual({
      status: 200,
      text: 'the original content',
    });
  });

  it('deletes a backup: its snapshot leaves the repository, the backup the list', async () => {
    const { snapshotId } = await backupOf('b1');
    const res = await api().del(`${releases}/${app}/backups/b1`);
    expect(res.status).toBe(202);
    await eventually(
      async () => !snapshotsInRepository().includes(snapshotId!),
      { what: `snapshot ${snapshotId} to leave the repository` },
    );
    await eventually(
      async () => {
        const list = backupListResponseSchema.parse(
          (await api().get(`${releases}/${app}/backups`)).body,
        );
        const jobs = await kube.batch.listNamespacedJob({ namespace: ns });
        return (
          !list.backups.some(b => b.id === 'b1') &&
          !jobs.items.some(j =>
            /^woow-(backup|forget)-b1$/.test(j.metadata!.name!),
          )
        );
      },
      { what: 'backup b1 and its Jobs to be gone' },
    );
    expect((await api().get(`${releases}/${app}/backups/b1`)).status).toBe(404);
  });

  it('never shows the S3 credentials or the repository password', async () => {
    const bodies = JSON.stringify([
      (await api().get(`${releases}/${app}/backups`)).body,
      (await api().get(`${releases}/${app}/restores/r1`)).body,
    ]);
    expect(bodies).not.toContain(e.WOOW_TESTENV_S3_SECRET_ACCESS_KEY!);
    expect(bodies).not.toContain(e.WOOW_TESTENV_S3_ACCESS_KEY_ID!);
    expect(bodies).not.toContain(`test-repository-password-${ws}`);
  });
});

describe('an operator without helmOperator.backups', () => {
  it('answers 501 with the reason', async () => {
    const chartsDir = await makeChartsDir(env.helm4);
    try {
      const { server } = await startOperator({
        helmBinary: env.helm4,
        localChartsDir: chartsDir,
      });
      const res = await request(server)
        .post('/api/helm-operator/releases/paas-ws-x/paas-ws-x-app/backups')
        .set('Authorization', SERVICE)
        .send({ id: 'b1' });
      expect(res.status).toBe(501);
      expect(res.body.error.message).toBe(
        'Backups are not configured on this operator (helmOperator.backups is absent)',
      );
    } finally {
      fs.rmSync(chartsDir, { recursive: true, force: true });
    }
  });
});
