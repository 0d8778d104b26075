// Pods of the real node reach the testenv's S3 server (its dedicated address on the host's `lo`,
// routed through the CNI bridge) and the restic image works there: `woow-restic --init` creates a
// repository and leaves restic's JSON summary as the container's termination message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { REAL_NODE_LABEL, REAL_NODE_TAINT } from '../index.mjs';
import {
  testenv,
  freshNamespace,
  deleteNamespace,
  waitFor,
} from '../lib/test-helpers.mjs';

const ns = 'testenv-realnode-s3';

describe('real node and s3', () => {
  let env;
  let kube;

  before(async () => {
    ({ env, kube } = await testenv({ realNode: true }));
    await freshNamespace(kube, ns);
  });

  after(async () => {
    if (kube) await deleteNamespace(kube, ns);
  });

  test('a restic pod on the real node backs up to the S3 server', async () => {
    const repository = `s3:${env.WOOW_TESTENV_S3_ENDPOINT}/${env.WOOW_TESTENV_S3_BUCKET}/${ns}-${process.pid}`;
    await kube.post(`/api/v1/namespaces/${ns}/pods`, {
      metadata: { name: 'restic' },
      spec: {
        restartPolicy: 'Never',
        nodeSelector: { [REAL_NODE_LABEL]: 'true' },
        tolerations: [{ key: REAL_NODE_TAINT.key, operator: 'Exists' }],
        containers: [
          {
            name: 'restic',
            image: env.WOOW_REAL_NODE_RESTIC_IMAGE,
            imagePullPolicy: 'Never',
            args: ['--init', 'backup', '--json', '--no-cache', '/scratch'],
            env: [
              { name: 'RESTIC_REPOSITORY', value: repository },
              { name: 'RESTIC_PASSWORD', value: 'a-test-password' },
              {
                name: 'AWS_ACCESS_KEY_ID',
                value: env.WOOW_TESTENV_S3_ACCESS_KEY_ID,
              },
              {
                name: 'AWS_SECRET_ACCESS_KEY',
                value: env.WOOW_TESTENV_S3_SECRET_ACCESS_KEY,
              },
              { name: 'TMPDIR', value: '/scratch' },
            ],
            volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
          },
        ],
        volumes: [{ name: 'scratch', emptyDir: {} }],
      },
    });
    const terminated = await waitFor(
      async () => {
        const pod = await kube.get(`/api/v1/namespaces/${ns}/pods/restic`);
        return pod.status.containerStatuses?.[0]?.state?.terminated;
      },
      { what: 'the restic pod to finish', timeoutMs: 180_000 },
    );
    assert.equal(terminated.exitCode, 0, terminated.message);
    const summary = JSON.parse(terminated.message);
    assert.equal(summary.message_type, 'summary');
    assert.match(summary.snapshot_id, /^[0-9a-f]{64}$/);
  });
});
