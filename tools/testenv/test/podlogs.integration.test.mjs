// kwok answers pods/log through the API server from $WOOW_KWOK_POD_LOG (one ClusterLogs for every
// pod): what is appended there shows in every pod's log, in a follow stream too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  testenv,
  freshNamespace,
  deleteNamespace,
  waitFor,
} from '../lib/test-helpers.mjs';

const ns = 'testenv-podlogs';

function append(file, text) {
  fs.appendFileSync(file, `${new Date().toISOString()} stdout F ${text}\n`);
}

describe('pod logs', () => {
  let env;
  let kube;

  before(async () => {
    ({ env, kube } = await testenv());
    await freshNamespace(kube, ns);
    await kube.post(`/api/v1/namespaces/${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'talker' },
      spec: { containers: [{ name: 'app', image: 'example/app:1' }] },
    });
    await waitFor(
      async () =>
        (
          await kube.get(`/api/v1/namespaces/${ns}/pods/talker`)
        ).status?.phase === 'Running',
      {
        what: 'pod talker Running',
      },
    );
  });

  after(async () => {
    if (kube) await deleteNamespace(kube, ns);
  });

  test('the env names the log file and kwok serves it', async () => {
    assert.ok(env.WOOW_KWOK_POD_LOG && fs.existsSync(env.WOOW_KWOK_POD_LOG));
    const marker = `testenv-${Date.now().toString(36)}`;
    append(env.WOOW_KWOK_POD_LOG, marker);
    const res = await kube.request(
      'GET',
      `/api/v1/namespaces/${ns}/pods/talker/log?container=app&tailLines=20`,
    );
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, new RegExp(`^${marker}$`, 'm'));
  });
});
