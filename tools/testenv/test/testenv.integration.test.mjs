// The environment itself: idempotent up, repair of a dead component, status, env files, kubectl, chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, test } from 'node:test';
import { ensureUp, status, readEnv, VERSIONS, FAKE_NODES } from '../index.mjs';
import { testenv, exec, waitFor } from '../lib/test-helpers.mjs';

describe('testenv', () => {
  let env;
  let kube;

  before(async () => {
    ({ env, kube } = await testenv());
  });

  test('every component is running and healthy', async () => {
    const s = await status();
    // The real node's two components are there when it was started (WOOW_TESTENV_REAL_NODE=1).
    const node = env.WOOW_REAL_NODE ? ['containerd', 'kubelet'] : [];
    assert.deepEqual(
      s.components.map(c => c.name).sort(),
      [
        'etcd',
        'kube-apiserver',
        'kube-controller-manager',
        'kube-scheduler',
        'kwok',
        'postgres',
        'prometheus',
        'versitygw',
        ...node,
      ].sort(),
    );
    for (const c of s.components) {
      assert.ok(
        c.running && c.healthy,
        `${c.name} not healthy: ${JSON.stringify(c)}`,
      );
      assert.ok(c.pid > 0 && (c.ports.length > 0 || c.name === 'containerd')); // containerd: a unix socket
    }
  });

  test('a second ensureUp reuses the running processes', async () => {
    const before = await status();
    const again = await ensureUp({ quiet: true });
    assert.equal(again.started, false);
    assert.equal(again.reused, true);
    assert.deepEqual(again.env, env);
    const afterUp = await status();
    assert.deepEqual(
      afterUp.components.map(c => [c.name, c.pid]),
      before.components.map(c => [c.name, c.pid]),
    );
  });

  test('ensureUp restarts a component that died, keeping its port', async () => {
    const before = (await status()).components.find(
      c => c.name === 'kube-scheduler',
    );
    process.kill(before.pid, 'SIGKILL');
    await waitFor(
      async () =>
        !(await status()).components.find(c => c.name === 'kube-scheduler')
          .running,
      { what: 'scheduler to die' },
    );
    const res = await ensureUp({ quiet: true });
    assert.equal(res.reused, false);
    assert.equal(
      res.started,
      false,
      'the environment was running: the caller does not own it',
    );
    const afterUp = (await status()).components.find(
      c => c.name === 'kube-scheduler',
    );
    assert.ok(afterUp.healthy);
    assert.notEqual(afterUp.pid, before.pid);
    assert.deepEqual(afterUp.ports, before.ports);
  });

  test('env file, env.json and kubeconfig are written', async () => {
    assert.deepEqual(readEnv(), env);
    const text = fs.readFileSync(`${env.WOOW_TESTENV_STATE}/env`, 'utf8');
    for (const key of [
      'KUBECONFIG',
      'WOOW_HELM4',
      'WOOW_HELM3',
      'WOOW_KUBE_API',
      'WOOW_PG_HOST',
      'WOOW_PG_PORT',
      'WOOW_PG_USER',
      'WOOW_PG_PASSWORD',
      'WOOW_PG_DATABASE',
      'WOOW_PROMETHEUS_URL',
      'WOOW_CHROMIUM',
    ]) {
      assert.match(text, new RegExp(`^${key}=.+$`, 'm'));
    }
    for (const key of [
      'WOOW_HELM4',
      'WOOW_HELM3',
      'WOOW_KUBECTL',
      'KUBECONFIG',
      'WOOW_KUBE_CA_FILE',
    ]) {
      assert.ok(fs.existsSync(env[key]), `${key}=${env[key]} missing`);
    }
    assert.match(env.WOOW_KUBE_API, /^https:\/\/127\.0\.0\.1:\d+$/);
  });

  test('the API server is the pinned version, behind TLS and token auth', async () => {
    const version = await kube.get('/version');
    assert.equal(version.gitVersion, VERSIONS.kubernetes);
    const anon = await fetch(`${env.WOOW_KUBE_API}/api/v1/namespaces`).catch(
      e => e,
    );
    assert.ok(anon instanceof Error, 'plain fetch must fail: the CA is ours'); // self-signed CA
    const { kubeClient } = await import('../index.mjs');
    const bad = kubeClient({
      server: env.WOOW_KUBE_API,
      token: 'wrong',
      caFile: env.WOOW_KUBE_CA_FILE,
    });
    assert.equal((await bad.request('GET', '/api/v1/namespaces')).status, 401);
  });

  test('kubectl with the kubeconfig sees the Ready kwok nodes', async () => {
    const { stdout } = await exec(
      env.WOOW_KUBECTL,
      ['get', 'nodes', '-o', 'json'],
      env,
    );
    const nodes = JSON.parse(stdout).items;
    const realNode = env.WOOW_REAL_NODE ? [env.WOOW_REAL_NODE] : [];
    assert.deepEqual(
      nodes.map(n => n.metadata.name).sort(),
      [...FAKE_NODES, ...realNode].sort(),
    );
    for (const n of nodes.filter(x => FAKE_NODES.includes(x.metadata.name))) {
      assert.equal(n.metadata.annotations['kwok.x-k8s.io/node'], 'fake');
      assert.equal(
        n.status.conditions.find(c => c.type === 'Ready').status,
        'True',
      );
    }
  });

  // Chromium is part of the environment (ensureUp installs it): no skip when it is missing.
  test('Chromium renders a page headless', async () => {
    assert.ok(
      env.WOOW_CHROMIUM,
      'WOOW_CHROMIUM is empty: ensureUp found no chromium',
    );
    assert.ok(
      fs.existsSync(env.WOOW_CHROMIUM),
      `WOOW_CHROMIUM=${env.WOOW_CHROMIUM} does not exist`,
    );
    const { stdout } = await exec(
      env.WOOW_CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--dump-dom',
        'data:text/html,<p id="x">woow testenv</p>',
      ],
      env,
      { timeoutMs: 120_000 },
    );
    assert.match(stdout, /<p id="x">woow testenv<\/p>/);
  });
});
