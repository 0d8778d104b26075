import fs from 'node:fs';
import request from 'supertest';
import {
  deleteNamespaces,
  kubeClients,
  makeChartsDir,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';

// The mutation limit with the real operator, helm and control plane: one
// helm mutation at a time and one waiting; a third is refused at once with
// 503 and Retry-After, and the two accepted ones both complete.

jest.setTimeout(240_000);

const env = requireTestEnv();
const kube = kubeClients();

describe('bounded helm mutations', () => {
  const ws = `lim${runId()}`;
  const ns = `paas-ws-${ws}`;
  let server: any;
  let chartsDir: string;

  beforeAll(async () => {
    chartsDir = await makeChartsDir(env.helm4);
    ({ server } = await startOperator({
      helmBinary: env.helm4,
      localChartsDir: chartsDir,
      maxConcurrentMutations: 1,
      maxQueuedMutations: 1,
    }));
    const created = await request(server)
      .post('/api/helm-operator/namespaces')
      .set('Authorization', SERVICE)
      .send({ workspaceId: ws });
    if (created.status !== 200) {
      throw new Error(`POST /namespaces answered ${created.status}`);
    }
  });

  afterAll(async () => {
    await deleteNamespaces(kube, [ns]);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('runs one, queues one, refuses the third with 503 and Retry-After', async () => {
    const install = (id: string) =>
      request(server)
        .post('/api/helm-operator/releases')
        .set('Authorization', SERVICE)
        .send({
          namespace: ns,
          releaseName: `${ns}-${id}`,
          chart: { localName: 'woow-fixture-app', version: '0.1.0' },
          values: {},
        });
    const answers = await Promise.all(['a', 'b', 'c'].map(install));
    const statuses = answers.map(a => a.status).sort();
    expect(statuses).toEqual([201, 201, 503]);
    const refused = answers.find(a => a.status === 503)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.error.message).toContain(
      'helmOperator.maxConcurrentMutations 1, maxQueuedMutations 1',
    );
    // The accepted ones really installed; the refused one left nothing.
    const releases = await kube.core.listNamespacedSecret({
      namespace: ns,
      labelSelector: 'owner=helm',
    });
    expect(releases.items).toHaveLength(2);
  });
});
