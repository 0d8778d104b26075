import {
  diffReleaseResponseSchema,
  releaseVolumesResponseSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import request from 'supertest';
import {
  deleteNamespaces,
  kubeClients,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';

// Real helm against a real control plane on a shared, slow machine: a
// generous safety net per test (repo-wide runs ignore package testTimeout).
jest.setTimeout(300_000);

// The real Bitnami Redis chart (a StatefulSet with a volume claim template):
// its storage size cannot change once deployed. The preview asks the API
// server (dry run as the deployer) and says so; the upgrade itself is refused
// before anything is applied, the release stays on its revision.

const env = requireTestEnv();
const kube = kubeClients();
const CHARTS_DIR = process.env.WOOW_MARKETPLACE_CHARTS ?? '/work/shared/charts';
const ws = `ur${runId()}`;
const ns = `paas-ws-${ws}`;
const rel = `${ns}-redis`;
const base = `/api/helm-operator/releases/${ns}/${rel}`;
const chart = { localName: 'redis', version: '19.0.0' };
const values = (size: string) => ({
  architecture: 'standalone',
  auth: { enabled: true, password: `Pw-${ws}-0123456789` },
  master: { persistence: { size } },
});

let server: any;
const call = (method: 'get' | 'post' | 'patch', p: string, body?: object) =>
  request(server)[method](p).set('Authorization', SERVICE).send(body);

beforeAll(async () => {
  ({ server } = await startOperator({
    helmBinary: env.helm4,
    localChartsDir: CHARTS_DIR,
  }));
  const ensured = await call('post', '/api/helm-operator/namespaces', {
    workspaceId: ws,
  });
  if (ensured.status !== 200) {
    throw new Error(`namespace: ${ensured.status} ${ensured.text}`);
  }
  const installed = await call('post', '/api/helm-operator/releases', {
    namespace: ns,
    releaseName: rel,
    chart,
    values: values('4Gi'),
  });
  if (installed.status !== 201) {
    throw new Error(`install: ${installed.status} ${installed.text}`);
  }
});

afterAll(() => deleteNamespaces(kube, [ns]));

it('previews a storage size change as refused by the API server, naming the object and field', async () => {
  const res = await call('post', `${base}/diff`, { values: values('8Gi') });
  expect(res.status).toBe(200);
  const diff = diffReleaseResponseSchema.parse(res.body);
  expect(diff.refusals).toEqual([
    {
      kind: 'StatefulSet',
      name: `${rel}-master`,
      fields: ['spec.volumeClaimTemplates[0].spec.resources.requests.storage'],
      message: expect.stringMatching(
        /StatefulSet\.apps "[^"]+-master" is invalid: spec: Forbidden: updates to statefulset spec for fields other than/,
      ),
    },
  ]);
  expect(JSON.stringify(res.body)).not.toContain(`Pw-${ws}`);
});

it('previews a change the cluster accepts with no refusal', async () => {
  const res = await call('post', `${base}/diff`, {
    values: {
      ...values('4Gi'),
      master: {
        persistence: { size: '4Gi' },
        terminationGracePeriodSeconds: 31,
      },
    },
  });
  expect(res.status).toBe(200);
  const diff = diffReleaseResponseSchema.parse(res.body);
  expect(diff.changed).toBe(true);
  expect(diff.refusals).toEqual([]);
});

it('refuses the upgrade itself before anything is applied; the release stays on its revision', async () => {
  const res = await call('patch', base, { values: values('8Gi') });
  expect(res.status).toBe(422);
  expect(res.body.error.name).toBe('UpgradeRefusedError');
  expect(res.body.error.message).toContain(
    `StatefulSet "${rel}-master" (changing spec.volumeClaimTemplates[0].spec.resources.requests.storage)`,
  );
  const revisions = await call('get', `${base}/revisions`);
  expect(
    revisions.body.revisions.map((r: any) => [r.revision, r.status]),
  ).toEqual([[1, 'deployed']]);
  const sts = await kube.apps.readNamespacedStatefulSet({
    name: `${rel}-master`,
    namespace: ns,
  });
  expect(
    sts.spec?.volumeClaimTemplates?.[0].spec?.resources?.requests?.storage,
  ).toBe('4Gi');
});

it('says that the StatefulSet claim survives uninstall, so keeping data is possible', async () => {
  const res = await call('get', `${base}/volumes`);
  expect(res.status).toBe(200);
  expect(releaseVolumesResponseSchema.parse(res.body)).toEqual({
    namespace: ns,
    releaseName: rel,
    survivingUninstall: [`redis-data of StatefulSet ${rel}-master`],
    deletedByUninstall: [],
    keepDataPossible: true,
  });
});
