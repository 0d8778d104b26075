// helm 4 and helm 3 against the real control plane: install, upgrade, history, rollback,
// chart-version upgrade, uninstall; and a StatefulSet whose PVCs outlive `helm uninstall`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeChartVariant } from '../../../test-fixtures/charts/make-variant.mjs';
import {
  testenv,
  exec,
  tmpFile,
  scratchDir,
  freshNamespace,
  deleteNamespace,
  isPodReady,
  waitFor,
} from '../lib/test-helpers.mjs';

const CHART = 'woow-fixture-app';

for (const [label, envKey] of [
  ['h4', 'WOOW_HELM4'],
  ['h3', 'WOOW_HELM3'],
]) {
  describe(`helm ${label === 'h4' ? 4 : 3} lifecycle`, () => {
    const ns = `paas-ws-test-${label}`;
    const release = `paas-ws-test-${label}-app1`;
    const fullname = `${release}-${CHART}`;
    let env;
    let kube;
    let helm;
    let chartDir;
    let chartV2Dir;
    const valuesV1 = {
      replicaCount: 2,
      env: { FOO: 'bar', MODE: 'one' },
      password: 's3cret-1',
    };
    const valuesV2 = {
      replicaCount: 1,
      env: { FOO: 'baz' },
      password: 's3cret-2',
    };

    const run = args => exec(helm, [...args, '--namespace', ns], env);
    const deployment = () =>
      kube.get(`/apis/apps/v1/namespaces/${ns}/deployments/${fullname}`);
    const pods = async () =>
      (
        await kube.get(
          `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(
            `app.kubernetes.io/instance=${release}`,
          )}`,
        )
      ).items;
    const containerEnv = dep =>
      Object.fromEntries(
        dep.spec.template.spec.containers[0].env.map(e => [
          e.name,
          e.value ?? e.valueFrom,
        ]),
      );

    async function waitRolledOut(replicas) {
      await waitFor(
        async () => {
          const d = await deployment();
          const st = d.status ?? {};
          if (st.observedGeneration < d.metadata.generation) return false;
          if (
            d.spec.replicas !== replicas ||
            st.readyReplicas !== replicas ||
            st.updatedReplicas !== replicas
          )
            return false;
          const ps = (await pods()).filter(p => !p.metadata.deletionTimestamp);
          return ps.length === replicas && ps.every(isPodReady);
        },
        {
          timeoutMs: 180_000,
          what: `${fullname} rolled out with ${replicas} ready pod(s)`,
        },
      );
    }

    before(async () => {
      ({ env, kube } = await testenv());
      helm = env[envKey];
      chartDir = path.join(env.WOOW_FIXTURE_CHARTS, CHART);
      chartV2Dir = makeChartVariant({
        outDir: fs.mkdtempSync(path.join(scratchDir(), 'chart-')),
        version: '0.2.0',
        appVersion: '2.0',
      });
      await freshNamespace(kube, ns, { 'woow.io/test': 'testenv' });
    });

    after(async () => {
      if (kube) await deleteNamespace(kube, ns);
    });

    test('helm version is the pinned one', async () => {
      const { stdout } = await exec(helm, ['version', '--short'], env);
      assert.match(stdout, label === 'h4' ? /^v4\.3\.1/ : /^v3\.22\.0/);
    });

    test('install creates a Deployment whose pods become Ready', async () => {
      const values = tmpFile('values.yaml', JSON.stringify(valuesV1));
      await run([
        'install',
        release,
        chartDir,
        '-f',
        values,
        '--wait',
        '--timeout',
        '180s',
      ]);
      await waitRolledOut(2);
      const d = await deployment();
      assert.equal(d.metadata.labels['app.kubernetes.io/instance'], release);
      assert.equal(d.metadata.labels['app.kubernetes.io/managed-by'], 'Helm');
      const envs = containerEnv(d);
      assert.equal(envs.FOO, 'bar');
      assert.deepEqual(envs.APP_PASSWORD, {
        secretKeyRef: { name: fullname, key: 'password' },
      });
      const secret = await kube.get(
        `/api/v1/namespaces/${ns}/secrets/${fullname}`,
      );
      assert.equal(
        Buffer.from(secret.data.password, 'base64').toString(),
        's3cret-1',
      );
      const svc = await kube.get(
        `/api/v1/namespaces/${ns}/services/${fullname}`,
      );
      assert.equal(svc.spec.ports[0].port, 8080);
      const { stdout } = await run(['status', release, '-o', 'json']);
      const st = JSON.parse(stdout);
      assert.equal(st.version, 1);
      assert.equal(st.info.status, 'deployed');
    });

    test('upgrade makes revision 2 with the new values', async () => {
      const values = tmpFile('values.yaml', JSON.stringify(valuesV2));
      await run([
        'upgrade',
        release,
        chartDir,
        '-f',
        values,
        '--wait',
        '--timeout',
        '180s',
      ]);
      await waitRolledOut(1);
      assert.equal(containerEnv(await deployment()).FOO, 'baz');
      const { stdout } = await run(['history', release, '-o', 'json']);
      const history = JSON.parse(stdout);
      assert.deepEqual(
        history.map(h => [h.revision, h.status]),
        [
          [1, 'superseded'],
          [2, 'deployed'],
        ],
      );
    });

    test('rollback to 1 makes revision 3 with the values of revision 1', async () => {
      await run(['rollback', release, '1', '--wait', '--timeout', '180s']);
      await waitRolledOut(2);
      const v3 = JSON.parse(
        (await run(['get', 'values', release, '--revision', '3', '-o', 'json']))
          .stdout,
      );
      const v1 = JSON.parse(
        (await run(['get', 'values', release, '--revision', '1', '-o', 'json']))
          .stdout,
      );
      assert.deepEqual(v3, valuesV1);
      assert.deepEqual(v3, v1);
      assert.equal(containerEnv(await deployment()).FOO, 'bar');
      const history = JSON.parse(
        (await run(['history', release, '-o', 'json'])).stdout,
      );
      assert.deepEqual(
        history.map(h => h.revision),
        [1, 2, 3],
      );
      assert.equal(history[2].status, 'deployed');
      assert.match(history[2].description, /Rollback to 1/);
      const secret = await kube.get(
        `/api/v1/namespaces/${ns}/secrets/${fullname}`,
      );
      assert.equal(
        Buffer.from(secret.data.password, 'base64').toString(),
        's3cret-1',
      );
    });

    test('upgrade to chart 0.2.0 makes revision 4', async () => {
      await run([
        'upgrade',
        release,
        chartV2Dir,
        '--reuse-values',
        '--wait',
        '--timeout',
        '180s',
      ]);
      await waitRolledOut(2);
      const d = await deployment();
      assert.equal(
        d.spec.template.spec.containers[0].image,
        'registry.local/woow/fixture:1.0',
      ); // reused values keep the tag
      const history = JSON.parse(
        (await run(['history', release, '-o', 'json'])).stdout,
      );
      assert.equal(history.at(-1).revision, 4);
      assert.equal(history.at(-1).chart, `${CHART}-0.2.0`);
      assert.equal(history.at(-1).app_version, '2.0');
    });

    test('uninstall removes the resources', async () => {
      await run(['uninstall', release, '--wait', '--timeout', '180s']);
      for (const p of [
        `/apis/apps/v1/namespaces/${ns}/deployments/${fullname}`,
        `/api/v1/namespaces/${ns}/services/${fullname}`,
        `/api/v1/namespaces/${ns}/secrets/${fullname}`,
      ]) {
        assert.equal(await kube.getOrNull(p), null, `${p} still exists`);
      }
      await waitFor(async () => (await pods()).length === 0, {
        what: 'pods to be deleted',
      });
      const list = JSON.parse((await run(['list', '-o', 'json'])).stdout);
      assert.deepEqual(list, []);
    });

    test('StatefulSet variant: PVCs are Bound, pods Ready, and PVCs outlive helm uninstall', async () => {
      const sts = `${release}-sts`;
      const stsFull = `${sts}-${CHART}`;
      const values = tmpFile(
        'values.yaml',
        JSON.stringify({
          kind: 'StatefulSet',
          replicaCount: 2,
          persistence: { enabled: true, size: '2Gi' },
        }),
      );
      await run([
        'install',
        sts,
        chartDir,
        '-f',
        values,
        '--wait',
        '--timeout',
        '180s',
      ]);
      const claimNames = [0, 1].map(i => `data-${stsFull}-${i}`);
      await waitFor(
        async () => {
          const s = await kube.get(
            `/apis/apps/v1/namespaces/${ns}/statefulsets/${stsFull}`,
          );
          if (s.status?.readyReplicas !== 2) return false;
          for (const c of claimNames) {
            const pvc = await kube.getOrNull(
              `/api/v1/namespaces/${ns}/persistentvolumeclaims/${c}`,
            );
            if (pvc?.status?.phase !== 'Bound') return false;
          }
          return true;
        },
        { timeoutMs: 180_000, what: 'StatefulSet ready with Bound PVCs' },
      );
      const pvc = await kube.get(
        `/api/v1/namespaces/${ns}/persistentvolumeclaims/${claimNames[0]}`,
      );
      assert.equal(pvc.spec.storageClassName, env.WOOW_KUBE_STORAGE_CLASS);
      assert.equal(pvc.spec.resources.requests.storage, '2Gi');

      await run(['uninstall', sts, '--wait', '--timeout', '180s']);
      assert.equal(
        await kube.getOrNull(
          `/apis/apps/v1/namespaces/${ns}/statefulsets/${stsFull}`,
        ),
        null,
      );
      for (const c of claimNames) {
        const kept = await kube.get(
          `/api/v1/namespaces/${ns}/persistentvolumeclaims/${c}`,
        );
        assert.equal(
          kept.status.phase,
          'Bound',
          `${c} should be kept by helm uninstall`,
        );
      }
      // Deleting the claims releases their volumes (reclaimPolicy Delete).
      const volumes = [];
      for (const c of claimNames) {
        volumes.push(
          (
            await kube.get(
              `/api/v1/namespaces/${ns}/persistentvolumeclaims/${c}`,
            )
          ).spec.volumeName,
        );
        await kube.delete(
          `/api/v1/namespaces/${ns}/persistentvolumeclaims/${c}`,
        );
      }
      await waitFor(
        async () => {
          for (const v of volumes)
            if (await kube.getOrNull(`/api/v1/persistentvolumes/${v}`))
              return false;
          return true;
        },
        { timeoutMs: 180_000, what: 'volumes to be deleted' },
      );
    });
  });
}
