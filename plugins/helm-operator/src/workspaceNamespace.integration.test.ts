import {
  AuthenticationV1Api,
  CoreV1Api,
  KubeConfig,
  V1Pod,
} from '@kubernetes/client-node';
import fs from 'node:fs';
import request from 'supertest';
import {
  deleteNamespaces,
  kubeClients,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';
import { writeCharts } from './__testUtils__/hostileCharts';

// Real control plane on a shared, slow machine: a generous safety net for
// each case (repo-wide runs ignore package testTimeout).
jest.setTimeout(300_000);

// What POST /namespaces makes of a workspace namespace for tenant isolation:
// the deployer ServiceAccount helm impersonates and its namespace-only
// RoleBinding (also for namespaces made before), Pod Security Admission
// labels, the NetworkPolicy; and what the API server lets that deployer do.

const env = requireTestEnv();
const kube = kubeClients();
const id = runId();
const ws = `wsn${id}`;
const ns = `paas-ws-${ws}`;
const victim = `victim-${id}`;

const chartsDir = writeCharts([
  {
    name: 'benign',
    templates: {
      'cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata: {a: b}',
    },
  },
]);

let server: any;

function client(srv: any) {
  return {
    post: (p: string, body: object) =>
      request(srv)
        .post(`/api/helm-operator${p}`)
        .set('Authorization', SERVICE)
        .send(body),
  };
}

const refusal = (res: request.Response) => ({
  status: res.status,
  message: res.body?.error?.message,
});

beforeAll(async () => {
  ({ server } = await startOperator({
    helmBinary: env.helm4,
    localChartsDir: chartsDir,
  }));
  const res = await client(server).post('/namespaces', { workspaceId: ws });
  if (res.status !== 200)
    throw new Error(`namespace setup failed: ${JSON.stringify(res.body)}`);
  await kube.core.createNamespace({ body: { metadata: { name: victim } } });
  await kube.core.createNamespacedSecret({
    namespace: victim,
    body: { metadata: { name: 'creds' }, stringData: { password: 'x' } },
  });
});

afterAll(async () => {
  await deleteNamespaces(kube, [ns, victim]);
  fs.rmSync(chartsDir, { recursive: true, force: true });
});

describe('workspace namespace', () => {
  it('has the deployer, its namespace-only binding, PSA labels and the NetworkPolicy', async () => {
    const sa = await kube.core.readNamespacedServiceAccount({
      name: 'paas-deployer',
      namespace: ns,
    });
    expect(sa.automountServiceAccountToken).toBe(false);
    const rb = await kube.rbac.readNamespacedRoleBinding({
      name: 'paas-deployer',
      namespace: ns,
    });
    expect(rb.roleRef).toMatchObject({
      kind: 'ClusterRole',
      name: 'paas-deployer',
    });
    expect(rb.subjects).toEqual([
      expect.objectContaining({
        kind: 'ServiceAccount',
        name: 'paas-deployer',
        namespace: ns,
      }),
    ]);
    const labels = (await kube.core.readNamespace({ name: ns })).metadata
      ?.labels;
    expect(labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
    const np = await kube.networking.readNamespacedNetworkPolicy({
      name: 'workspace-isolation',
      namespace: ns,
    });
    expect(np.spec?.policyTypes).toEqual(['Ingress']);
    const peers = np.spec?.ingress?.[0]._from ?? [];
    expect(peers[0]).toMatchObject({ podSelector: {} });
    expect(
      peers
        .slice(1)
        .map(
          p =>
            p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'],
        ),
    ).toEqual(['kube-system', 'traefik', 'monitoring']);
  });

  it('gives a namespace made before the deployer existed its deployer on the next ensure, idempotently', async () => {
    const oldWs = `old${id}`;
    const oldNs = `paas-ws-${oldWs}`;
    try {
      await kube.core.createNamespace({ body: { metadata: { name: oldNs } } });
      // before: releases are refused (no deployer to act as), saying what to do
      const early = await client(server).post('/releases', {
        namespace: oldNs,
        releaseName: `${oldNs}-app`,
        chart: { localName: 'benign' },
        values: {},
      });
      expect(refusal(early)).toEqual({
        status: 409,
        message: expect.stringContaining(
          'ensure the namespace again with POST /namespaces',
        ),
      });
      for (let i = 0; i < 2; i++) {
        const res = await client(server).post('/namespaces', {
          workspaceId: oldWs,
        });
        expect(res.status).toBe(200);
      }
      await expect(
        kube.rbac.readNamespacedRoleBinding({
          name: 'paas-deployer',
          namespace: oldNs,
        }),
      ).resolves.toBeTruthy();
      await expect(
        kube.core.readNamespacedServiceAccount({
          name: 'paas-deployer',
          namespace: oldNs,
        }),
      ).resolves.toBeTruthy();
      // a binding changed by hand is put back
      await kube.rbac.deleteNamespacedRoleBinding({
        name: 'paas-deployer',
        namespace: oldNs,
      });
      await kube.rbac.createNamespacedRoleBinding({
        namespace: oldNs,
        body: {
          metadata: { name: 'paas-deployer' },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'view',
          },
          subjects: [
            { kind: 'ServiceAccount', name: 'paas-deployer', namespace: oldNs },
          ],
        },
      });
      expect(
        (await client(server).post('/namespaces', { workspaceId: oldWs }))
          .status,
      ).toBe(200);
      const rb = await kube.rbac.readNamespacedRoleBinding({
        name: 'paas-deployer',
        namespace: oldNs,
      });
      expect(rb.roleRef.name).toBe('paas-deployer');
      const later = await client(server).post('/releases', {
        namespace: oldNs,
        releaseName: `${oldNs}-app`,
        chart: { localName: 'benign' },
        values: {},
      });
      expect(refusal(later)).toEqual({ status: 201, message: undefined });
    } finally {
      await deleteNamespaces(kube, [oldNs]);
    }
  });
});

describe('Pod Security Admission (baseline) for the deployer', () => {
  /** Clients acting as the deployer of the workspace, as helm does. */
  const asDeployer = () => {
    const admin = kube.config;
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: admin.clusters,
      contexts: admin.contexts,
      currentContext: admin.currentContext,
      users: admin.users.map(u => ({
        ...u,
        impersonateUser: `system:serviceaccount:${ns}:paas-deployer`,
      })),
    });
    return { config, core: config.makeApiClient(CoreV1Api) };
  };
  const pod = (name: string, spec: Partial<V1Pod['spec']>): V1Pod => ({
    metadata: { name },
    spec: { containers: [{ name: 'c', image: 'registry.local/x:1' }], ...spec },
  });

  it.each([
    [
      'privileged',
      {
        containers: [
          {
            name: 'c',
            image: 'registry.local/x:1',
            securityContext: { privileged: true },
          },
        ],
      },
    ],
    [
      'hostpath',
      {
        volumes: [{ name: 'h', hostPath: { path: '/etc' } }],
      },
    ],
    ['hostnetwork', { hostNetwork: true }],
  ])('refuses a %s pod', async (name, spec) => {
    const deployer = asDeployer();
    await expect(
      deployer.core.createNamespacedPod({
        namespace: ns,
        body: pod(name, spec as Partial<V1Pod['spec']>),
      }),
    ).rejects.toMatchObject({
      code: 403,
      body: expect.stringMatching(/violates PodSecurity \\"baseline/),
    });
  });

  it('is given the ServiceAccount groups by the API server (no --kube-as-group needed)', async () => {
    const review = await asDeployer()
      .config.makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({ body: {} });
    expect(review.status?.userInfo?.username).toBe(
      `system:serviceaccount:${ns}:paas-deployer`,
    );
    expect(review.status?.userInfo?.groups).toEqual(
      expect.arrayContaining([
        'system:serviceaccounts',
        `system:serviceaccounts:${ns}`,
        'system:authenticated',
      ]),
    );
  });

  it('lets the deployer create a plain pod, and nothing in another namespace', async () => {
    const deployer = asDeployer();
    await expect(
      deployer.core.createNamespacedPod({
        namespace: ns,
        body: pod('plain', {}),
      }),
    ).resolves.toBeTruthy();
    await expect(
      deployer.core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: `x-${id}` } },
      }),
    ).rejects.toMatchObject({ code: 403 });
    await expect(
      deployer.core.readNamespacedSecret({ name: 'creds', namespace: victim }),
    ).rejects.toMatchObject({ code: 403 });
    await expect(
      deployer.core.createNamespacedResourceQuota({
        namespace: ns,
        body: { metadata: { name: 'more' }, spec: { hard: { pods: '999' } } },
      }),
    ).rejects.toMatchObject({ code: 403 });
  });
});
