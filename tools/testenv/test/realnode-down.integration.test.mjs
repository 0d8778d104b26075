// `up --real-node` then `down` in a state dir of its own: while a pod runs the node holds mounts,
// a bridge, cgroups and processes; after `down` none of them is left (nor the state dir).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import {
  REAL_NODE_LABEL,
  REAL_NODE_TAINT,
  kubeClientFromEnv,
} from '../index.mjs';
import { realNodeTraces } from '../lib/node.mjs';
import { exec, isPodReady, waitFor } from '../lib/test-helpers.mjs';

const cli = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'testenv.mjs',
);

describe('real node down', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'woow-testenv-realnode-'));
  const childEnv = { WOOW_TESTENV_STATE: root, WOOW_TESTENV_REAL_NODE: '' };

  after(async () => {
    // Only when an assertion failed before `down`: never leave a node running.
    if (fs.existsSync(path.join(root, 'state.json')))
      await exec(process.execPath, [cli, 'down'], childEnv);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('down removes the containers, mounts, bridge, cgroups and processes of the node', async () => {
    const { stdout } = await exec(
      process.execPath,
      [cli, 'up', '--real-node', '--json'],
      childEnv,
    );
    const { env } = JSON.parse(stdout);
    assert.equal(env.WOOW_TESTENV_STATE, root);
    const kube = kubeClientFromEnv(env);
    await waitFor(
      () =>
        kube.getOrNull('/api/v1/namespaces/default/serviceaccounts/default'),
      { what: 'default ServiceAccount' },
    );
    await kube.post('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'app' },
      spec: {
        nodeSelector: { [REAL_NODE_LABEL]: 'true' },
        tolerations: [{ key: REAL_NODE_TAINT.key, operator: 'Exists' }],
        containers: [
          {
            name: 'app',
            image: env.WOOW_REAL_NODE_FIXTURE_IMAGE,
            imagePullPolicy: 'Never',
          },
        ],
      },
    });
    await waitFor(
      async () =>
        isPodReady(await kube.get('/api/v1/namespaces/default/pods/app')),
      {
        timeoutMs: 180_000,
        what: 'pod app Ready',
      },
    );

    const state = JSON.parse(
      fs.readFileSync(path.join(root, 'state.json'), 'utf8'),
    );
    const id = state.realNode;
    const running = realNodeTraces(root, id);
    assert.ok(
      running.mounts.length >= 3,
      `mounts while running: ${running.mounts.join(', ')}`,
    ); // rootfs, shm, netns, tokens
    assert.equal(running.bridge, true, `bridge ${id.bridge}`);
    assert.ok(running.cniCache.length >= 1, 'CNI cache entries of the pod');
    assert.ok(
      running.cgroups.some(d => d.includes('/kubepods')),
      `cgroups: ${running.cgroups.join(', ')}`,
    );
    assert.ok(running.processes.length >= 3, `processes: ${running.processes}`); // containerd, shim, kubelet

    await exec(process.execPath, [cli, 'down'], childEnv);
    const left = realNodeTraces(root, id);
    assert.deepEqual(left, {
      mounts: [],
      bridge: false,
      cniCache: [],
      cgroups: [],
      processes: [],
    });
    assert.equal(fs.existsSync(root), false, 'down removes the state dir');
    for (const pid of Object.values(state.pids)) {
      assert.equal(
        fs.existsSync(`/proc/${pid}`),
        false,
        `pid ${pid} still alive`,
      );
    }
  });
});
