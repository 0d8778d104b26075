// ResourceQuota and LimitRange admission are real: over-quota pods are refused, and the
// refusal is visible as a FailedCreate event of the ReplicaSet.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  testenv,
  exec,
  tmpFile,
  freshNamespace,
  deleteNamespace,
  waitFor,
} from '../lib/test-helpers.mjs';

const ns = 'paas-ws-test-quota';

describe('namespace quota', () => {
  let env;
  let kube;

  before(async () => {
    ({ env, kube } = await testenv());
    await freshNamespace(kube, ns);
    await kube.post(`/api/v1/namespaces/${ns}/resourcequotas`, {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'workspace-quota' },
      spec: {
        hard: {
          'requests.cpu': '200m',
          'requests.memory': '256Mi',
          'limits.cpu': '400m',
          'limits.memory': '512Mi',
          pods: '5',
        },
      },
    });
    await kube.post(`/api/v1/namespaces/${ns}/limitranges`, {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults' },
      spec: {
        limits: [
          {
            type: 'Container',
            default: { cpu: '100m', memory: '128Mi' },
            defaultRequest: { cpu: '50m', memory: '64Mi' },
          },
        ],
      },
    });
    // The quota controller fills status.hard before admission enforces it.
    await waitFor(
      async () =>
        (
          await kube.get(
            `/api/v1/namespaces/${ns}/resourcequotas/workspace-quota`,
          )
        ).status?.hard,
      {
        what: 'quota status',
      },
    );
  });

  after(async () => {
    if (kube) await deleteNamespace(kube, ns);
  });

  test('LimitRanger fills in default requests and limits', async () => {
    const pod = await kube.post(`/api/v1/namespaces/${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'defaults-probe' },
      spec: {
        containers: [{ name: 'c', image: 'registry.local/woow/fixture:1.0' }],
      },
    });
    assert.deepEqual(pod.spec.containers[0].resources, {
      limits: { cpu: '100m', memory: '128Mi' },
      requests: { cpu: '50m', memory: '64Mi' },
    });
    await kube.delete(
      `/api/v1/namespaces/${ns}/pods/defaults-probe?gracePeriodSeconds=0`,
    );
  });

  test('a pod over quota is refused by the API', async () => {
    const res = await kube.request('POST', `/api/v1/namespaces/${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'too-big' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'registry.local/woow/fixture:1.0',
            resources: {
              requests: { cpu: '1', memory: '64Mi' },
              limits: { cpu: '1', memory: '64Mi' },
            },
          },
        ],
      },
    });
    assert.equal(res.status, 403);
    assert.match(res.body.message, /exceeded quota: workspace-quota/);
  });

  test('a Deployment over quota shows FailedCreate "exceeded quota" events', async () => {
    const values = tmpFile(
      'values.yaml',
      JSON.stringify({
        replicaCount: 3,
        resources: {
          requests: { cpu: '100m', memory: '64Mi' },
          limits: { cpu: '100m', memory: '64Mi' },
        },
      }),
    );
    const chart = path.join(env.WOOW_FIXTURE_CHARTS, 'woow-fixture-app');
    // No --wait: the release can never become ready (only 2 of 3 pods fit in 200m).
    await exec(
      env.WOOW_HELM4,
      ['install', 'paas-ws-test-quota-app', chart, '-n', ns, '-f', values],
      env,
    );
    const event = await waitFor(
      async () => {
        const { items } = await kube.get(`/api/v1/namespaces/${ns}/events`);
        return items.find(
          e =>
            e.involvedObject.kind === 'ReplicaSet' &&
            e.reason === 'FailedCreate' &&
            /exceeded quota/.test(e.message),
        );
      },
      { timeoutMs: 120_000, what: 'FailedCreate event' },
    );
    assert.match(event.message, /workspace-quota/);
    const dep = await kube.get(
      `/apis/apps/v1/namespaces/${ns}/deployments/paas-ws-test-quota-app-woow-fixture-app`,
    );
    await waitFor(
      async () =>
        (
          await kube.get(
            `/apis/apps/v1/namespaces/${ns}/deployments/${dep.metadata.name}`,
          )
        ).status?.readyReplicas === 2,
      {
        what: '2 ready replicas',
      },
    );
    const quota = await kube.get(
      `/api/v1/namespaces/${ns}/resourcequotas/workspace-quota`,
    );
    assert.equal(quota.status.used['requests.cpu'], '200m');
    await exec(
      env.WOOW_HELM4,
      ['uninstall', 'paas-ws-test-quota-app', '-n', ns, '--wait'],
      env,
    );
  });
});
