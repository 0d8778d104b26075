import { namespaceChangesResponseSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
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

// GET /changes on the real control plane: what the informers see in a
// release's namespace (a pod deleted behind the operator's back) is in the
// feed after the cursor taken before it; a namespace outside the fence never is.

jest.setTimeout(240_000);

const env = requireTestEnv();
const kube = kubeClients();
const helm = env.helm4;

describe('the change feed of workspace namespaces', () => {
  const run = runId();
  const ws = `chg${run}`;
  const ns = `paas-ws-${ws}`;
  const rel = `${ns}-app`;
  const outside = `chg-outside-${run}`;
  let server: any;
  let chartsDir: string;
  const changes = async (query: Record<string, string | number>) => {
    const res = await request(server)
      .get('/api/helm-operator/changes')
      .query(query)
      .set('Authorization', SERVICE);
    expect(res.status).toBe(200);
    return namespaceChangesResponseSchema.parse(res.body);
  };
  const podsOf = async (namespace: string) =>
    (await kube.core.listNamespacedPod({ namespace })).items;

  beforeAll(async () => {
    chartsDir = await makeChartsDir(helm);
    ({ server } = await startOperator({
      helmBinary: helm,
      localChartsDir: chartsDir,
    }));
  });

  afterAll(async () => {
    await deleteNamespaces(kube, [ns, outside]);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('starts with a reset, then names the namespace of a pod deleted after the cursor, in a long poll', async () => {
    const first = await changes({});
    expect(first.reset).toBe(true);

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
        values: {},
      });
    expect(install.status).toBe(201);
    const installed = await changes({ since: first.cursor });
    expect(installed.reset).toBe(false);
    expect(installed.namespaces).toContain(ns);
    const [pod] = await eventually(
      async () => {
        const pods = await podsOf(ns);
        return pods.length ? pods : undefined;
      },
      { what: 'a pod of the release' },
    );

    // A namespace outside the fence changes: not in the feed.
    await kube.core.createNamespace({ body: { metadata: { name: outside } } });
    await kube.core.createNamespacedConfigMap({
      namespace: outside,
      body: { metadata: { name: 'unwatched' } },
    });

    // Settled: take the cursor, then change the release's pod.
    const before = await changes({ since: installed.cursor });
    let cursor = before.cursor;
    const polled = changes({ since: cursor, waitSeconds: 25 });
    await kube.core.deleteNamespacedPod({
      namespace: ns,
      name: pod.metadata!.name!,
    });
    // The poll may have ended with other changes of the release (or with
    // nothing after 25 s): follow the cursor until the deletion is seen.
    const seen = new Set<string>();
    let answer = await polled;
    for (;;) {
      expect(answer.reset).toBe(false);
      answer.namespaces.forEach(n => seen.add(n));
      cursor = answer.cursor;
      if (seen.has(ns)) break;
      answer = await changes({ since: cursor, waitSeconds: 25 });
    }
    expect(seen.has(outside)).toBe(false);
    expect(Number(cursor.split('-')[1])).toBeGreaterThan(
      Number(before.cursor.split('-')[1]),
    );
  });

  it('refuses a cursor that is not one (400 naming since)', async () => {
    const res = await request(server)
      .get('/api/helm-operator/changes')
      .query({ since: '../etc' })
      .set('Authorization', SERVICE);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('since');
  });
});
