import { expect } from '@playwright/test';
import { CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * The test environment's real node (tools/testenv, `real-node-0`: kubelet +
 * containerd running real containers) as the browser tests use it: the
 * fixture app's marketplace entry placed there, and the app's pod reached
 * from this host (pod IPs of the node's bridge are routed here).
 */

/** The node's label and taint (tools/testenv/lib/node.mjs): only pods that tolerate it land there. */
const REAL_NODE_LABEL = 'woow.dev/real-node';

/**
 * The fixture app's marketplace entry (test-fixtures/marketplace), under
 * another slug, with defaults that select the real node and tolerate its
 * taint; `values` adds chart defaults (e.g. an environment variable).
 */
export function realNodeFixtureTemplate(
  slug: string,
  name: string,
  values: Record<string, unknown> = {},
) {
  const file = path.join(
    __dirname,
    '..',
    'test-fixtures',
    'marketplace',
    'woow-fixture-app.yaml',
  );
  const definition = parse(fs.readFileSync(file, 'utf8'));
  return {
    ...definition,
    slug,
    name,
    helmChart: {
      ...definition.helmChart,
      defaultValues: {
        ...definition.helmChart.defaultValues,
        nodeSelector: { [REAL_NODE_LABEL]: 'true' },
        tolerations: [{ key: REAL_NODE_LABEL, operator: 'Exists' }],
        ...values,
      },
    },
  };
}

function coreApi() {
  const config = new KubeConfig();
  config.loadFromDefault(); // KUBECONFIG of the test environment
  return config.makeApiClient(CoreV1Api);
}

/** The release's pods (the fixture chart labels them with the release name). */
export async function releasePods(
  namespace: string,
  release: string,
): Promise<V1Pod[]> {
  const pods = await coreApi().listNamespacedPod({
    namespace,
    labelSelector: `app.kubernetes.io/instance=${release}`,
  });
  return pods.items.filter(p => !p.metadata?.deletionTimestamp);
}

/** Waits for the release's Ready pod and returns it. */
export async function readyPod(
  namespace: string,
  release: string,
): Promise<V1Pod> {
  let ready: V1Pod | undefined;
  await expect
    .poll(
      async () => {
        ready = (await releasePods(namespace, release)).find(
          p =>
            !!p.status?.podIP &&
            p.status?.conditions?.some(
              c => c.type === 'Ready' && c.status === 'True',
            ),
        );
        return ready?.metadata?.name;
      },
      { timeout: 240_000, intervals: [1_000, 2_000] },
    )
    .toBeTruthy();
  return ready!;
}

/** The fixture app's own HTTP endpoint on the pod (port 8080). */
export function appUrl(pod: V1Pod, urlPath: string): string {
  return `http://${pod.status!.podIP}:8080${urlPath}`;
}
