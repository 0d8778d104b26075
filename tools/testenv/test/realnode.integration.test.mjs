// The real node: a kubelet + containerd + runc joined to the test control plane runs the fixture
// app's image (built locally, imported, never pulled); logs, exec, port-forward, volumes, the
// memory limit and the kubelet's cAdvisor metrics are the real thing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import { after, before, describe, test } from 'node:test';
import {
  REAL_NODE_NAME,
  REAL_NODE_LABEL,
  REAL_NODE_TAINT,
  STORAGE_CLASS,
} from '../index.mjs';
import {
  testenv,
  exec,
  freshNamespace,
  deleteNamespace,
  isPodReady,
  waitFor,
} from '../lib/test-helpers.mjs';

const ns = 'testenv-realnode';
const HELLO = 'hello from woow-fixture-app\n'; // what the app writes on a fresh volume

function onRealNode(spec) {
  return {
    nodeSelector: { [REAL_NODE_LABEL]: 'true' },
    tolerations: [
      {
        key: REAL_NODE_TAINT.key,
        operator: 'Equal',
        value: REAL_NODE_TAINT.value,
        effect: REAL_NODE_TAINT.effect,
      },
    ],
    ...spec,
  };
}

function appContainer(env, extra = {}) {
  return {
    name: 'app',
    image: env.WOOW_REAL_NODE_FIXTURE_IMAGE,
    imagePullPolicy: 'Never',
    ports: [{ name: 'http', containerPort: 8080 }],
    resources: {
      requests: { cpu: '20m', memory: '32Mi' },
      limits: { cpu: '200m', memory: '64Mi' },
    },
    ...extra,
  };
}

/** `kubectl port-forward` to a pod port; resolves { port, stop }. */
function portForward(env, pod, remotePort) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      env.WOOW_KUBECTL,
      [
        '-n',
        ns,
        'port-forward',
        '--address',
        '127.0.0.1',
        `pod/${pod}`,
        `:${remotePort}`,
      ],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const onData = chunk => {
      out += chunk;
      const m = out.match(/Forwarding from 127\.0\.0\.1:(\d+)/);
      if (m) resolve({ port: Number(m[1]), stop: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', code =>
      reject(new Error(`kubectl port-forward exited (${code}): ${out}`)),
    );
  });
}

describe('real node', () => {
  let env;
  let kube;

  before(async () => {
    ({ env, kube } = await testenv({ realNode: true }));
    await freshNamespace(kube, ns);
  });

  after(async () => {
    if (kube) await deleteNamespace(kube, ns);
  });

  test('the node is Ready, tainted, labelled, with a non-loopback InternalIP', async () => {
    assert.equal(env.WOOW_REAL_NODE, REAL_NODE_NAME);
    const node = await kube.get(`/api/v1/nodes/${REAL_NODE_NAME}`);
    assert.equal(
      node.status.conditions.find(c => c.type === 'Ready').status,
      'True',
    );
    assert.deepEqual(
      node.spec.taints.map(t => [t.key, t.value, t.effect]),
      [[REAL_NODE_TAINT.key, REAL_NODE_TAINT.value, REAL_NODE_TAINT.effect]],
    );
    assert.equal(node.metadata.labels[REAL_NODE_LABEL], 'true');
    const ip = node.status.addresses.find(a => a.type === 'InternalIP').address;
    assert.equal(ip, env.WOOW_REAL_NODE_IP);
    assert.doesNotMatch(ip, /^127\./);
    assert.match(
      node.status.nodeInfo.containerRuntimeVersion,
      /^containerd:\/\/2\.2\.\d+$/,
    );
    assert.equal(node.status.nodeInfo.kubeletVersion, env.WOOW_KUBE_VERSION);
  });

  test('the kubelet refuses anonymous requests; the API server authenticates to it', async () => {
    const node = await kube.get(`/api/v1/nodes/${REAL_NODE_NAME}`);
    const port = node.status.daemonEndpoints.kubeletEndpoint.Port;
    const anonymous = await new Promise((resolve, reject) => {
      https
        .get(
          `https://${env.WOOW_REAL_NODE_IP}:${port}/pods`,
          { rejectUnauthorized: false },
          res => {
            res.resume();
            resolve(res.statusCode);
          },
        )
        .on('error', reject);
    });
    assert.equal(anonymous, 401);
    const proxied = await kube.request(
      'GET',
      `/api/v1/nodes/${REAL_NODE_NAME}/proxy/pods`,
    );
    assert.equal(proxied.status, 200, proxied.text.slice(0, 300));
    assert.equal(proxied.body.kind, 'PodList');
  });

  test('a pod that does not tolerate the taint is not scheduled there', async () => {
    await kube.post(`/api/v1/namespaces/${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'intolerant' },
      spec: {
        nodeSelector: { [REAL_NODE_LABEL]: 'true' },
        containers: [appContainer(env)],
      },
    });
    const event = await waitFor(
      async () => {
        const { items } = await kube.get(
          `/api/v1/namespaces/${ns}/events?fieldSelector=involvedObject.name=intolerant`,
        );
        return items.find(e => e.reason === 'FailedScheduling');
      },
      { what: 'a FailedScheduling event for pod intolerant' },
    );
    assert.match(event.message, /1 node\(s\) had untolerated taint/);
    const pod = await kube.get(`/api/v1/namespaces/${ns}/pods/intolerant`);
    assert.equal(pod.spec.nodeName, undefined);
  });

  describe('the fixture app with a volume', () => {
    let pv;

    before(async () => {
      await kube.post(`/api/v1/namespaces/${ns}/persistentvolumeclaims`, {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: STORAGE_CLASS,
          resources: { requests: { storage: '100Mi' } },
        },
      });
      await kube.post(`/api/v1/namespaces/${ns}/pods`, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'app', labels: { app: 'fixture' } },
        spec: onRealNode({
          containers: [
            appContainer(env, {
              env: [{ name: 'APP_VERSION', value: 'realnode-test' }],
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
              readinessProbe: {
                httpGet: { path: '/healthz', port: 'http' },
                periodSeconds: 1,
              },
            }),
          ],
          volumes: [
            { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
          ],
        }),
      });
      const pod = await waitFor(
        async () => {
          const p = await kube.get(`/api/v1/namespaces/${ns}/pods/app`);
          return isPodReady(p) && p;
        },
        { timeoutMs: 180_000, what: 'pod app Ready on the real node' },
      );
      assert.equal(pod.spec.nodeName, REAL_NODE_NAME);
      const pvc = await kube.get(
        `/api/v1/namespaces/${ns}/persistentvolumeclaims/data`,
      );
      pv = await kube.get(`/api/v1/persistentvolumes/${pvc.spec.volumeName}`);
    });

    test('it runs: a real container of the local image', async () => {
      const pod = await kube.get(`/api/v1/namespaces/${ns}/pods/app`);
      const status = pod.status.containerStatuses[0];
      assert.ok(status.state.running, JSON.stringify(status.state));
      assert.match(status.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
      assert.match(status.imageID, /^sha256:[0-9a-f]{64}$/);
      assert.ok(
        pod.status.podIP && !pod.status.podIP.startsWith('127.'),
        `pod IP ${pod.status.podIP}`,
      );
    });

    test('kubectl logs returns what the container printed', async () => {
      const { stdout } = await exec(
        env.WOOW_KUBECTL,
        ['-n', ns, 'logs', 'app', '-c', 'app'],
        env,
      );
      assert.match(
        stdout,
        /woow-fixture-app realnode-test listening on :8080 \(data \/data\)/,
      );
      // The readiness probe's requests, logged by the app itself.
      assert.match(stdout, /GET \/healthz 200/);
    });

    test('kubectl exec runs a command in the container; its volume write lands as a real file', async () => {
      const { stdout } = await exec(
        env.WOOW_KUBECTL,
        [
          '-n',
          ns,
          'exec',
          'app',
          '-c',
          'app',
          '--',
          '/fixture-app',
          'cat',
          '/data/hello.txt',
        ],
        env,
      );
      assert.equal(stdout, HELLO);
      const marker = `written by exec ${process.pid}`;
      await exec(
        env.WOOW_KUBECTL,
        [
          '-n',
          ns,
          'exec',
          'app',
          '-c',
          'app',
          '--',
          '/fixture-app',
          'write',
          '/data/exec.txt',
          marker,
        ],
        env,
      );
      const dir = pv.spec.hostPath.path;
      assert.equal(fs.readFileSync(`${dir}/exec.txt`, 'utf8'), marker);
      assert.equal(fs.readFileSync(`${dir}/hello.txt`, 'utf8'), HELLO);
      assert.match(
        fs.readFileSync(`${dir}/starts.log`, 'utf8'),
        / started on app\n$/,
      );
    });

    test('kubectl port-forward reaches the app’s HTTP endpoint', async () => {
      const fwd = await portForward(env, 'app', 8080);
      try {
        const info = await (
          await fetch(`http://127.0.0.1:${fwd.port}/`)
        ).json();
        assert.equal(info.app, 'woow-fixture-app');
        assert.equal(info.version, 'realnode-test');
        assert.equal(info.hostname, 'app');
        const put = await fetch(`http://127.0.0.1:${fwd.port}/files/http.txt`, {
          method: 'PUT',
          body: 'through port-forward',
        });
        assert.equal(put.status, 204);
        assert.equal(
          fs.readFileSync(`${pv.spec.hostPath.path}/http.txt`, 'utf8'),
          'through port-forward',
        );
        const bad = await fetch(`http://127.0.0.1:${fwd.port}/files/..%2Fetc`);
        assert.equal(bad.status, 400);
      } finally {
        fwd.stop();
      }
    });

    test("the API server's service proxy reaches the app at its pod IP (the host routes the pod subnet)", async () => {
      await kube.post(`/api/v1/namespaces/${ns}/services`, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'app' },
        spec: {
          selector: { app: 'fixture' },
          ports: [{ name: 'http', port: 8080, targetPort: 'http' }],
        },
      });
      const pod = await kube.get(`/api/v1/namespaces/${ns}/pods/app`);
      await waitFor(
        async () => {
          const { items } = await kube.get(
            `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices?labelSelector=kubernetes.io/service-name=app`,
          );
          return items.some(sl =>
            (sl.endpoints ?? []).some(e =>
              e.addresses.includes(pod.status.podIP),
            ),
          );
        },
        { what: 'the Service endpoints to hold the pod IP' },
      );
      const res = await kube.request(
        'GET',
        `/api/v1/namespaces/${ns}/services/app:http/proxy/files/hello.txt`,
      );
      assert.equal(res.status, 200, res.text);
      assert.equal(res.text, HELLO);
    });

    test("the kubelet's /metrics/cadvisor (through the API server's node proxy) reports the container", async () => {
      const text = await waitFor(
        async () => {
          const res = await kube.request(
            'GET',
            `/api/v1/nodes/${REAL_NODE_NAME}/proxy/metrics/cadvisor`,
          );
          assert.equal(res.status, 200, res.text.slice(0, 500));
          return (
            /^container_memory_working_set_bytes\{[^}]*container="app"[^}]*namespace="testenv-realnode"[^}]*pod="app"[^}]*\} [1-9]/m.test(
              res.text,
            ) && res.text
          );
        },
        { what: 'cAdvisor series of container app' },
      );
      assert.match(
        text,
        /^container_cpu_usage_seconds_total\{[^}]*container="app"[^}]*pod="app"/m,
      );
      assert.match(
        text,
        /^container_spec_memory_limit_bytes\{[^}]*container="app"[^}]*pod="app"[^}]*\} 6\.7108864e\+07$/m,
      );
    });
  });

  test("Prometheus scrapes the kubelet's cAdvisor series of the container", async () => {
    const query = `container_memory_working_set_bytes{namespace="${ns}",pod="app",container="app",node="${REAL_NODE_NAME}"}`;
    const result = await waitFor(
      async () => {
        const res = await fetch(
          `${env.WOOW_PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(
            query,
          )}`,
        );
        const body = await res.json();
        assert.equal(body.status, 'success', JSON.stringify(body));
        return body.data.result.length > 0 && body.data.result;
      },
      { what: `Prometheus series ${query}` },
    );
    assert.equal(result[0].metric.job, 'kubelet-cadvisor');
    assert.ok(
      Number(result[0].value[1]) > 0,
      `working set ${result[0].value[1]}`,
    );
  });

  test('a memory limit ends in OOMKilled', async () => {
    await kube.post(`/api/v1/namespaces/${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'hog' },
      spec: onRealNode({
        restartPolicy: 'Never',
        containers: [
          appContainer(env, {
            env: [{ name: 'FIXTURE_ALLOC_MB', value: '512' }],
          }),
        ],
      }),
    });
    const terminated = await waitFor(
      async () =>
        (
          await kube.get(`/api/v1/namespaces/${ns}/pods/hog`)
        ).status?.containerStatuses?.[0]?.state?.terminated,
      { timeoutMs: 180_000, what: 'container hog to terminate' },
    );
    assert.equal(terminated.reason, 'OOMKilled');
    assert.equal(terminated.exitCode, 137);
    await waitFor(
      async () =>
        (await kube.get(`/api/v1/namespaces/${ns}/pods/hog`)).status.phase ===
        'Failed',
      {
        what: 'pod hog Failed',
      },
    );
  });
});
