import {
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { DEPLOYER_RULES } from './kube/DeployerRole';
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
jest.setTimeout(600_000);

// deploy/operator against the test control plane: every manifest passes a
// server-side dry run, and the ClusterRole is enough for the operator (and the
// helm it runs) to do its whole job as that service account.

const env = requireTestEnv();
const kube = kubeClients();
const DEPLOY_DIR = path.resolve(__dirname, '../../../deploy/operator');

function manifests(): KubernetesObject[] {
  return fs
    .readdirSync(DEPLOY_DIR)
    .filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .sort()
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(DEPLOY_DIR, f), 'utf8')).map(
        d => d.toJSON(),
      ),
    )
    .filter(Boolean);
}

describe('deploy/operator', () => {
  const id = runId();

  it('lists every manifest in the kustomization', () => {
    const kustomization = fs.readFileSync(
      path.join(DEPLOY_DIR, 'kustomization.yaml'),
      'utf8',
    );
    for (const f of fs
      .readdirSync(DEPLOY_DIR)
      .filter(n => n.endsWith('.yaml') && n !== 'kustomization.yaml')) {
      expect(kustomization).toContain(`- ${f}`);
    }
  });

  it('passes a server-side dry run', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kube.config);
    const all = manifests();
    expect(all.map(o => o.kind).sort()).toEqual(
      [
        'ClusterRole',
        'ClusterRole',
        'ClusterRoleBinding',
        'Deployment',
        'Namespace',
        // read access to the one origin certificate Secret (helmOperator.tls)
        'Role',
        'RoleBinding',
        'Service',
        'ServiceAccount',
      ].sort(),
    );
    // Namespaced objects are validated in an existing namespace: paas-system
    // is created for real when missing (after its own dry run), and removed.
    const existed = await kube.core
      .readNamespace({ name: 'paas-system' })
      .then(() => true)
      .catch(e => (e.code === 404 ? false : Promise.reject(e)));
    const namespace = all.find(o => o.kind === 'Namespace')!;
    const namespaced = all.filter(o => o.kind !== 'Namespace');
    const namespaceDryRun = await objects
      .create(namespace, undefined, 'All')
      .then(
        created => created.metadata?.name,
        (e: { code?: number }) => e.code,
      );
    expect(namespaceDryRun).toBe(existed ? 409 : 'paas-system');
    if (!existed)
      await kube.core.createNamespace({
        body: { metadata: { name: 'paas-system' } },
      });
    try {
      for (const obj of namespaced) {
        // the deployer ClusterRole exists already where an operator ran
        const res = await objects
          .create(obj, undefined, 'All')
          .catch(e =>
            e.code === 409
              ? objects.replace(obj, undefined, 'All')
              : Promise.reject(e),
          );
        expect(res.metadata?.name).toBe(obj.metadata?.name);
      }
      // a dry run persists nothing
      await expect(
        kube.apps.readNamespacedDeployment({
          name: 'paas-operator',
          namespace: 'paas-system',
        }),
      ).rejects.toMatchObject({
        code: 404,
      });
    } finally {
      if (!existed) {
        await kube.core.deleteNamespace({ name: 'paas-system' });
        await eventually(
          () =>
            kube.core.readNamespace({ name: 'paas-system' }).then(
              () => false,
              e => e.code === 404,
            ),
          { what: 'paas-system to be deleted' },
        );
      }
    }
  });

  it('ships the deployer ClusterRole the operator binds in each workspace', () => {
    const deployer = manifests().find(
      o => o.kind === 'ClusterRole' && o.metadata?.name === 'paas-deployer',
    ) as any;
    expect(deployer.rules).toEqual(DEPLOYER_RULES);
    // a tenant must not lift its own quota or limits, nor reach past its namespace
    const writes = (deployer.rules as any[]).filter(r =>
      r.verbs.some((v: string) => !['get', 'list', 'watch'].includes(v)),
    );
    const written = writes.flatMap(r => r.resources);
    for (const forbidden of [
      'resourcequotas',
      'limitranges',
      'namespaces',
      'endpoints',
      'clusterroles',
      'clusterrolebindings',
      'nodes',
    ]) {
      expect(written).not.toContain(forbidden);
    }
  });

  it("gives the operator's own role no cluster-wide write on workload kinds", () => {
    const role = manifests().find(
      o => o.kind === 'ClusterRole' && o.metadata?.name === 'paas-operator',
    ) as any;
    const writable = (role.rules as any[])
      .filter(r =>
        r.verbs.some(
          (v: string) =>
            !['get', 'list', 'watch', 'bind', 'impersonate'].includes(v),
        ),
      )
      .flatMap(r => r.resources)
      .sort();
    expect(writable).toEqual(
      [
        'limitranges',
        'namespaces',
        'networkpolicies',
        'resourcequotas',
        'rolebindings',
        'serviceaccounts',
      ].sort(),
    );
    const special = (role.rules as any[]).filter(r =>
      r.verbs.some((v: string) =>
        ['bind', 'impersonate', 'escalate'].includes(v),
      ),
    );
    expect(special).toEqual([
      expect.objectContaining({
        resources: ['clusterroles'],
        verbs: ['bind'],
        resourceNames: ['paas-deployer'],
      }),
      expect.objectContaining({
        resources: ['serviceaccounts'],
        verbs: ['impersonate'],
        resourceNames: ['paas-deployer'],
      }),
    ]);
  });

  it("grants the operator's service account all it needs", async () => {
    // The same ClusterRole and binding under test names, bound to a service
    // account in a test namespace; the operator then runs with its token.
    const home = `paas-ws-sa${id}`;
    const saName = 'paas-operator';
    const role = `paas-operator-test-${id}`;
    const ws = `rb${id}`;
    const ns = `paas-ws-${ws}`;
    const rel = `${ns}-app`;
    const objects = KubernetesObjectApi.makeApiClient(kube.config);
    const rbac = manifests().filter(
      o =>
        (o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding') &&
        o.metadata?.name === 'paas-operator',
    ) as any[];
    // The deployer ClusterRole, as an administrator applies it (shared by
    // every test of the cluster: created when missing, never removed).
    const deployerRole = manifests().find(
      o => o.kind === 'ClusterRole' && o.metadata?.name === 'paas-deployer',
    )!;
    await objects
      .create(deployerRole)
      .catch(e => (e.code === 409 ? undefined : Promise.reject(e)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-sa-'));
    try {
      await kube.core.createNamespace({ body: { metadata: { name: home } } });
      await kube.core.createNamespacedServiceAccount({
        namespace: home,
        body: { metadata: { name: saName } },
      });
      for (const obj of rbac) {
        obj.metadata.name = role;
        if (obj.kind === 'ClusterRoleBinding') {
          obj.roleRef.name = role;
          obj.subjects = [
            { kind: 'ServiceAccount', name: saName, namespace: home },
          ];
        }
        await objects.create(obj);
      }
      const token = await kube.core.createNamespacedServiceAccountToken({
        name: saName,
        namespace: home,
        body: { spec: { audiences: [], expirationSeconds: 3600 } },
      });
      const cluster = kube.config.getCurrentCluster()!;
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [
          {
            name: 'test',
            server: cluster.server,
            caData: cluster.caData,
            skipTLSVerify: false,
          },
        ],
        users: [{ name: 'operator', token: token.status?.token }],
        contexts: [{ name: 'test', cluster: 'test', user: 'operator' }],
        currentContext: 'test',
      });
      const kubeconfigPath = path.join(dir, 'config');
      fs.writeFileSync(kubeconfigPath, kc.exportConfig(), { mode: 0o600 });

      const { server } = await startOperator({
        helmBinary: env.helm4,
        localChartsDir: env.fixtureCharts,
        kubernetes: { kubeconfigPath },
      });
      const call = (
        method: 'get' | 'post' | 'patch' | 'put' | 'delete',
        p: string,
        body?: object,
      ) =>
        request(server)
          [method](`/api/helm-operator${p}`)
          .set('Authorization', SERVICE)
          .send(body);
      const base = `/releases/${ns}/${rel}`;

      expect(
        (await call('post', '/namespaces', { workspaceId: ws })).status,
      ).toBe(200);
      const install = await call('post', '/releases', {
        namespace: ns,
        releaseName: rel,
        chart: { localName: 'woow-fixture-app' },
        values: {
          kind: 'StatefulSet',
          persistence: { enabled: true },
          password: 'pw-123456',
        },
        ingress: { subdomain: `rbac-${id}` },
      });
      expect(install.status).toBe(201);
      // A StatefulSet with a volume: the claim is provisioned first. The
      // limit only catches a hang; the last state is in the message.
      await eventually(
        async () => {
          const { state, message } = (await call('get', `${base}/status`)).body;
          if (state === 'running') return state;
          throw new Error(`state ${state}: ${message ?? ''}`);
        },
        { what: 'running', timeoutMs: 300_000 },
      );
      expect((await call('get', base)).status).toBe(200);
      expect(
        (
          await call('patch', base, {
            values: {
              kind: 'StatefulSet',
              persistence: { enabled: true },
              replicaCount: 2,
            },
          })
        ).status,
      ).toBe(200);
      expect(
        (await call('post', `${base}/diff`, { rollbackRevision: 1 })).status,
      ).toBe(200);
      expect(
        (await call('post', `${base}/rollback`, { revision: 1 })).status,
      ).toBe(200);
      expect(
        (await call('get', `${base}/revisions`)).body.revisions,
      ).toHaveLength(3);
      const del = await call('delete', `${base}?deleteData=true`);
      expect(del.status).toBe(200);
      // replica 1's claim stays after the rollback to one replica: both belong to the release
      expect(del.body).toMatchObject({
        ingressDeleted: true,
        deletedPvcs: [
          `data-${rel}-woow-fixture-app-0`,
          `data-${rel}-woow-fixture-app-1`,
        ],
        retainedPvcs: [],
      });
    } finally {
      const rbacApi = kube.config.makeApiClient(RbacAuthorizationV1Api);
      await Promise.all([
        rbacApi.deleteClusterRoleBinding({ name: role }).catch(() => undefined),
        rbacApi.deleteClusterRole({ name: role }).catch(() => undefined),
      ]);
      await deleteNamespaces(kube, [home, ns]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
