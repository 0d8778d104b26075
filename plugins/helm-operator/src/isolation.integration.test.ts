import fs from 'node:fs';
import request from 'supertest';
import { DEFAULT_DENIED_KINDS } from './helm/ManifestPolicy';
import {
  deleteNamespaces,
  kubeClients,
  rawHelm,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';
import {
  CLUSTER_ADMIN_BINDING,
  DENIED_KIND_OBJECTS,
  HOOK_IN_KUBE_SYSTEM,
  KUBE_SYSTEM_CONFIGMAP,
  kindChartName,
  LOOKUP_SECRET,
  RUNS_AS_DEPLOYER,
  writeCharts,
  escapedConfigMaps,
} from './__testUtils__/hostileCharts';

// Real helm against a real control plane on a shared, slow machine: a
// generous safety net per test (repo-wide runs ignore package testTimeout).
jest.setTimeout(300_000);

// Tenant isolation: hostile charts are refused (4xx naming the object) by
// the operator's manifest check before anything is applied, and, with that
// check off, by the API server itself because helm runs as the namespace's
// deployer ServiceAccount (workspaceNamespace.integration.test.ts: what
// that namespace and its deployer are).

const env = requireTestEnv();
const kube = kubeClients();
const id = runId();
const ws = `iso${id}`;
const ns = `paas-ws-${ws}`;
const victim = `victim-${id}`;
const SECRET_VALUE = `s3cr3t-${id}-value`;

const chartsDir = writeCharts([
  {
    name: 'hostile-kube-system',
    templates: { 'cm.yaml': KUBE_SYSTEM_CONFIGMAP },
  },
  {
    name: 'hostile-cluster-admin',
    templates: { 'crb.yaml': CLUSTER_ADMIN_BINDING },
  },
  { name: 'hostile-hook', templates: { 'hook.yaml': HOOK_IN_KUBE_SYSTEM } },
  { name: 'hostile-lookup', templates: { 'cm.yaml': LOOKUP_SECRET } },
  {
    name: 'hostile-runs-as-deployer',
    templates: { 'd.yaml': RUNS_AS_DEPLOYER },
  },
  {
    name: 'benign',
    templates: {
      'cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata: {a: b}',
    },
  },
  ...Object.entries(DENIED_KIND_OBJECTS).map(([kind, text]) => ({
    name: kindChartName(kind),
    templates: { 'obj.yaml': text },
  })),
]);

let server: any;
let uncheckedServer: any;

function client(srv: any) {
  return {
    post: (p: string, body: object) =>
      request(srv)
        .post(`/api/helm-operator${p}`)
        .set('Authorization', SERVICE)
        .send(body),
    del: (p: string) =>
      request(srv)
        .delete(`/api/helm-operator${p}`)
        .set('Authorization', SERVICE),
  };
}

const install = (srv: any, chart: string, name: string, values = {}) =>
  client(srv).post('/releases', {
    namespace: ns,
    releaseName: `${ns}-${name}`,
    chart: { localName: chart },
    values,
  });

const refusal = (res: request.Response) => ({
  status: res.status,
  message: res.body?.error?.message,
});

async function helmReleases(): Promise<string[]> {
  const out = await rawHelm(env.helm4, [
    'list',
    `--namespace=${ns}`,
    // helm 4 lists releases in every status by default
    '--output=json',
  ]);
  return (JSON.parse(out) as { name: string }[]).map(r => r.name);
}

beforeAll(async () => {
  ({ server } = await startOperator({
    helmBinary: env.helm4,
    localChartsDir: chartsDir,
  }));
  // The API server layer alone: no manifest check, no deny list.
  ({ server: uncheckedServer } = await startOperator({
    helmBinary: env.helm4,
    localChartsDir: chartsDir,
    checkManifests: false,
    deniedKinds: [],
  }));
  const res = await client(server).post('/namespaces', { workspaceId: ws });
  if (res.status !== 200)
    throw new Error(`namespace setup failed: ${JSON.stringify(res.body)}`);
  await kube.core.createNamespace({ body: { metadata: { name: victim } } });
  await kube.core.createNamespacedSecret({
    namespace: victim,
    body: {
      metadata: { name: 'creds' },
      stringData: { password: SECRET_VALUE },
    },
  });
});

afterAll(async () => {
  await deleteNamespaces(kube, [ns, victim]);
  fs.rmSync(chartsDir, { recursive: true, force: true });
});

describe('hostile charts, refused by the manifest check', () => {
  it('refuses an object in kube-system, naming it, leaving nothing behind', async () => {
    const res = await install(server, 'hostile-kube-system', 'ks');
    expect(refusal(res)).toEqual({
      status: 403,
      message: expect.stringMatching(
        new RegExp(
          `refused before anything was applied: ConfigMap "${ns}-ks-escape" \\(namespace "kube-system"\\) is outside (the release's namespace|what the workspace's deployer ServiceAccount may manage)`,
        ),
      ),
    });
    expect(await escapedConfigMaps(kube, ns)).toEqual([]);
    expect(await helmReleases()).toEqual([]);
  });

  it.each(Object.keys(DENIED_KIND_OBJECTS))(
    'refuses kind %s, leaving nothing behind',
    async kind => {
      expect(DEFAULT_DENIED_KINDS).toContain(kind);
      const res = await install(server, kindChartName(kind), 'k');
      expect(refusal(res)).toEqual({
        status: 403,
        message: expect.stringMatching(
          new RegExp(
            `refused before anything was applied: ${kind} "[^"]+" .*(helmOperator\\.deniedKinds|outside what the workspace's deployer ServiceAccount may manage)`,
          ),
        ),
      });
      expect(await helmReleases()).toEqual([]);
    },
  );

  it('refuses a hook writing into kube-system', async () => {
    const res = await install(server, 'hostile-hook', 'hook');
    expect(refusal(res)).toEqual({
      status: 403,
      message: expect.stringContaining(
        `hook ConfigMap "${ns}-hook-hook" (namespace "kube-system")`,
      ),
    });
    expect(await escapedConfigMaps(kube, ns)).toEqual([]);
    expect(await helmReleases()).toEqual([]);
  });

  it('refuses a ClusterRoleBinding making the default ServiceAccount cluster-admin', async () => {
    const res = await install(server, 'hostile-cluster-admin', 'adm');
    // The manifest check (the deny list) answers first where it runs inside
    // the helm run (helm 4); helm's own lookup as the deployer where it runs
    // on a dry run.
    expect(refusal(res)).toEqual({
      status: 403,
      message: expect.stringMatching(
        new RegExp(
          `refused before anything was applied: ClusterRoleBinding "${ns}-adm-admin" (\\(cluster-scoped\\)|.*is of kind ClusterRoleBinding, which workspace releases may not contain)`,
        ),
      ),
    });
    await expect(
      kube.rbac.readClusterRoleBinding({ name: `${ns}-adm-admin` }),
    ).rejects.toMatchObject({ code: 404 });
    expect(await helmReleases()).toEqual([]);
  });

  it('does not let a lookup read a Secret of another namespace, on install or in a preview', async () => {
    const res = await install(server, 'hostile-lookup', 'look', {
      victimNamespace: victim,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const leaked = [SECRET_VALUE, Buffer.from(SECRET_VALUE).toString('base64')];
    for (const s of leaked) expect(JSON.stringify(res.body)).not.toContain(s);
    expect(await helmReleases()).toEqual([]);

    // the diff of an upgrade to the lookup chart (a server-side dry run)
    const name = `${ns}-prev`;
    expect((await install(server, 'benign', 'prev')).status).toBe(201);
    const diff = await client(server).post(`/releases/${ns}/${name}/diff`, {
      chart: { localName: 'hostile-lookup' },
      values: { victimNamespace: victim },
    });
    expect(diff.status).toBeGreaterThanOrEqual(400);
    expect(diff.status).toBeLessThan(500);
    for (const s of leaked) expect(JSON.stringify(diff.body)).not.toContain(s);
    expect((await client(server).del(`/releases/${ns}/${name}`)).status).toBe(
      200,
    );
  });
});

describe('hostile changes of existing releases', () => {
  const rel = (name: string) => `/releases/${ns}/${ns}-${name}`;
  const patch = (srv: any, name: string, body: object) =>
    request(srv)
      .patch(`/api/helm-operator${rel(name)}`)
      .set('Authorization', SERVICE)
      .send(body);
  const revisionOf = async (name: string) =>
    (
      await request(server)
        .get(`/api/helm-operator${rel(name)}`)
        .set('Authorization', SERVICE)
    ).body.revision;

  it('refuses an upgrade to a chart with a hook outside the namespace; the release stays as it was', async () => {
    expect((await install(server, 'benign', 'up')).status).toBe(201);
    const res = await patch(server, 'up', {
      chart: { localName: 'hostile-hook' },
      values: {},
    });
    expect(refusal(res)).toEqual({
      status: 403,
      message: expect.stringContaining(
        `hook ConfigMap "${ns}-up-hook" (namespace "kube-system")`,
      ),
    });
    expect(await revisionOf('up')).toBe(1);
    // its preview says so too
    const preview = await client(server).post(`${rel('up')}/diff`, {
      chart: { localName: 'hostile-hook' },
      values: {},
    });
    expect(refusal(preview)).toEqual({
      status: 403,
      message: expect.stringContaining(`hook ConfigMap "${ns}-up-hook"`),
    });
    expect(await escapedConfigMaps(kube, ns)).toEqual([]);
    expect((await client(server).del(rel('up'))).status).toBe(200);
  });

  it('refuses a workload running as the deployer, on install and on rollback to a revision made without the check', async () => {
    const res = await install(server, 'hostile-runs-as-deployer', 'sa');
    expect(refusal(res)).toEqual({
      status: 403,
      message: expect.stringContaining(
        `Deployment "${ns}-sa-d" (namespace "${ns}") would run as the deployer ServiceAccount "paas-deployer"`,
      ),
    });
    // revision 1 without the check (the API server allows it: a namespaced
    // Deployment), revision 2 benign, then a rollback to 1 with the check
    expect(
      (await install(uncheckedServer, 'hostile-runs-as-deployer', 'rb')).status,
    ).toBe(201);
    expect(
      (
        await patch(server, 'rb', {
          chart: { localName: 'benign' },
          values: {},
        })
      ).status,
    ).toBe(200);
    const back = await request(server)
      .post(`/api/helm-operator${rel('rb')}/rollback`)
      .set('Authorization', SERVICE)
      .send({ revision: 1 });
    expect(refusal(back)).toEqual({
      status: 403,
      message: expect.stringContaining(
        `Deployment "${ns}-rb-d" (namespace "${ns}") would run as the deployer`,
      ),
    });
    expect(await revisionOf('rb')).toBe(2);
    expect((await client(server).del(rel('rb'))).status).toBe(200);
  });
});

describe('hostile charts, refused by the API server (manifest check off)', () => {
  it('refuses the kube-system object and the cluster-admin binding: helm runs as the deployer', async () => {
    for (const [chart, name] of [
      ['hostile-kube-system', 'uks'],
      ['hostile-cluster-admin', 'uadm'],
    ]) {
      const res = await install(uncheckedServer, chart, name);
      // helm's own look-up of the objects, as the deployer, is refused
      expect(refusal(res)).toEqual({
        status: 403,
        message: expect.stringContaining(
          "outside what the workspace's deployer ServiceAccount may manage (refused by the API server)",
        ),
      });
    }
    // A hook is not looked up first: helm creates it, and the API server
    // refuses the creation itself.
    const hook = await install(uncheckedServer, 'hostile-hook', 'uhook');
    expect(refusal(hook)).toEqual({
      status: 422,
      message: expect.stringMatching(
        new RegExp(
          `forbidden: User "system:serviceaccount:${ns}:paas-deployer" cannot (create|delete|patch) resource "configmaps" .*"kube-system"`,
        ),
      ),
    });
    expect(await escapedConfigMaps(kube, ns)).toEqual([]);
    await expect(
      kube.rbac.readClusterRoleBinding({ name: `${ns}-uadm-admin` }),
    ).rejects.toMatchObject({ code: 404 });
    // helm recorded the failed attempts; remove them for the other tests
    for (const name of await helmReleases()) {
      await rawHelm(env.helm4, ['uninstall', name, `--namespace=${ns}`]);
    }
  });
});
