// `up --real-node` then `down`, each time in a state dir of its own: while a pod runs the node
// holds mounts, a bridge, cgroups, CNI cache entries and processes; after `down` none of them is
// left (nor the state dir, nor the S3 server and its address on lo), also when containerd and the
// kubelet had crashed before.
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
import { s3AddressPresent } from '../lib/s3.mjs';
import { pidAlive } from '../lib/proc.mjs';
import { exec, isPodReady, waitFor } from '../lib/test-helpers.mjs';

const cli = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'testenv.mjs',
);
const roots = [];

/** A fresh state dir with the real node up and one pod Ready on it; returns { root, childEnv, state }. */
async function nodeWithPod() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'woow-testenv-realnode-'));
  roots.push(root);
  const childEnv = { WOOW_TESTENV_STATE: root, WOOW_TESTENV_REAL_NODE: '' };
  const { stdout } = await exec(
    process.execPath,
    [cli, 'up', '--real-node', '--json'],
    childEnv,
  );
  const { env } = JSON.parse(stdout);
  assert.equal(env.WOOW_TESTENV_STATE, root);
  const kube = kubeClientFromEnv(env);
  await waitFor(
    () => kube.getOrNull('/api/v1/namespaces/default/serviceaccounts/default'),
    {
      what: 'default ServiceAccount',
    },
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
  const running = realNodeTraces(root, state.realNode);
  assert.ok(
    running.mounts.length >= 3,
    `mounts while running: ${running.mounts.join(', ')}`,
  ); // rootfs, shm, netns, tokens
  assert.equal(running.bridge, true, `bridge ${state.realNode.bridge}`);
  assert.ok(running.cniCache.length >= 1, 'CNI cache entries of the pod');
  assert.ok(
    running.cgroups.some(d => d.includes('/kubepods')),
    `cgroups: ${running.cgroups.join(', ')}`,
  );
  assert.ok(running.processes.length >= 3, `processes: ${running.processes}`); // containerd, shim, kubelet
  assert.ok(
    s3AddressPresent(state.s3.address),
    `the S3 server's address ${state.s3.address} on lo`,
  );
  return { root, childEnv, state };
}

async function downLeavesNothing({ root, childEnv, state }) {
  await exec(process.execPath, [cli, 'down'], childEnv);
  assert.deepEqual(realNodeTraces(root, state.realNode), {
    mounts: [],
    bridge: false,
    cniCache: [],
    cgroups: [],
    processes: [],
  });
  assert.equal(fs.existsSync(root), false, 'down removes the state dir');
  assert.equal(
    s3AddressPresent(state.s3.address),
    false,
    `down removes ${state.s3.address} from lo`,
  );
  for (const pid of Object.values(state.pids)) {
    assert.equal(pidAlive(pid), false, `pid ${pid} still alive`); // a zombie awaiting its reaper is not
  }
}

describe('real node down', () => {
  after(async () => {
    for (const root of roots) {
      // Only when an assertion failed before `down`: never leave a node running.
      if (fs.existsSync(path.join(root, 'state.json'))) {
        await exec(process.execPath, [cli, 'down'], {
          WOOW_TESTENV_STATE: root,
        });
      }
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('down removes the containers, mounts, bridge, cgroups and processes of the node', async () => {
    await downLeavesNothing(await nodeWithPod());
  });

  test('down cleans up as well after containerd and the kubelet were killed', async () => {
    const node = await nodeWithPod();
    process.kill(node.state.pids.containerd, 'SIGKILL');
    process.kill(node.state.pids.kubelet, 'SIGKILL');
    await waitFor(
      () =>
        !pidAlive(node.state.pids.kubelet) &&
        !pidAlive(node.state.pids.containerd),
      {
        what: 'the kubelet and containerd to die',
      },
    );
    // The pod's shim and container outlive them: down must find those by itself.
    assert.ok(
      realNodeTraces(node.root, node.state.realNode).processes.length >= 1,
      'the shim survives',
    );
    await downLeavesNothing(node);
  });
});
