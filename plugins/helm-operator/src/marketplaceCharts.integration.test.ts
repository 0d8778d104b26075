import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  deleteNamespaces,
  eventually,
  kubeClients,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';

// Real helm against a real control plane on a shared, slow machine: a
// generous safety net per test (repo-wide runs ignore package testTimeout).
jest.setTimeout(600_000);

// Every marketplace chart (the local Helm repository of /work/shared/charts,
// or WOOW_MARKETPLACE_CHARTS) installs through the operator's own path under
// the locked-down deployer ServiceAccount, with the manifest check and Pod
// Security Admission "baseline" in force, with its marketplace defaults; then
// it is uninstalled. kwok nodes run the pods: no image is pulled.

const env = requireTestEnv();
const kube = kubeClients();
const REPO_ROOT = path.resolve(__dirname, '../../..');
const CHARTS_DIR = process.env.WOOW_MARKETPLACE_CHARTS ?? '/work/shared/charts';
const id = runId();

interface MarketplaceEntry {
  slug: string;
  helmChart: {
    chartName: string;
    chartVersion: string;
    defaultValues?: Record<string, unknown>;
  };
  valueSpecs?: {
    required?: { key: string; type: string; defaultValue?: unknown }[];
  };
}

function setPath(target: Record<string, any>, key: string, value: unknown) {
  const parts = key.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) at = at[p] ??= {};
  at[parts[parts.length - 1]] = value;
}

/** The marketplace's defaults, plus what a user must give (passwords, e-mail). */
function valuesOf(entry: MarketplaceEntry): Record<string, unknown> {
  const values = structuredClone(entry.helmChart.defaultValues ?? {});
  for (const spec of entry.valueSpecs?.required ?? []) {
    const given =
      spec.defaultValue ??
      (spec.type === 'password' ? `Pw-${id}-0123456789` : 'admin@example.com');
    setPath(values, spec.key, given);
  }
  return values;
}

const entries = fs
  .readdirSync(path.join(REPO_ROOT, 'marketplace'))
  .filter(f => f.endsWith('.yaml'))
  .map(
    f =>
      parse(
        fs.readFileSync(path.join(REPO_ROOT, 'marketplace', f), 'utf8'),
      ) as MarketplaceEntry,
  )
  .filter(e => e.helmChart.chartName !== 'woow-fixture-app');

/**
 * Charts that cannot live in a workspace, whatever their values: refused
 * before anything is applied, naming the object.
 */
const REFUSED: Record<string, RegExp> = {
  // templates/namespace.yaml: always a Namespace named after the release
  anythingllm:
    /refused before anything was applied: Namespace "[^"]+" \(cluster-scoped\)/,
};

let server: any;
const namespaces: string[] = [];

beforeAll(async () => {
  ({ server } = await startOperator({
    helmBinary: env.helm4,
    localChartsDir: CHARTS_DIR,
  }));
});

afterAll(() => deleteNamespaces(kube, namespaces));

it('has a packaged chart for every marketplace entry', () => {
  for (const e of entries) {
    const file = `${e.helmChart.chartName}-${e.helmChart.chartVersion}.tgz`;
    expect(fs.existsSync(path.join(CHARTS_DIR, file))).toBe(true);
  }
});

const call = (method: 'get' | 'post' | 'delete', p: string, body?: object) =>
  request(server)
    [method](`/api/helm-operator${p}`)
    .set('Authorization', SERVICE)
    .send(body);

/** A workspace namespace for one chart, with the largest quota allowed: what is tested is isolation, not sizing. */
async function workspaceFor(slug: string): Promise<string> {
  const ws = `mk${slug.replace(/[^a-z0-9]/g, '').slice(0, 8)}${id}`;
  const ns = `paas-ws-${ws}`;
  namespaces.push(ns);
  const ensured = await call('post', '/namespaces', {
    workspaceId: ws,
    quota: {
      requestsCpu: '32',
      requestsMemory: '64Gi',
      limitsCpu: '64',
      limitsMemory: '128Gi',
      persistentVolumeClaims: 50,
      requestsStorage: '1Ti',
    },
  });
  expect(ensured.status).toBe(200);
  return ns;
}

const installRequest = (ns: string, entry: MarketplaceEntry) => ({
  namespace: ns,
  releaseName: `${ns}-app`,
  chart: {
    localName: entry.helmChart.chartName,
    version: entry.helmChart.chartVersion,
  },
  values: valuesOf(entry),
});

it.each(entries.filter(e => !REFUSED[e.slug]).map(e => [e.slug, e] as const))(
  'installs %s as the deployer with PSA baseline, it runs, then uninstalls it',
  async (slug, entry) => {
    const ns = await workspaceFor(slug);
    const releaseName = `${ns}-app`;
    const installed = await call(
      'post',
      '/releases',
      installRequest(ns, entry),
    );
    expect({
      status: installed.status,
      error: installed.body.error?.message,
    }).toEqual({ status: 201, error: undefined });
    // Pod Security Admission refuses pods, not their workloads: a refused
    // pod shows as a FailedCreate event of its ReplicaSet/StatefulSet/Job.
    const podSecurityRefusals = async () =>
      (await kube.core.listNamespacedEvent({ namespace: ns })).items
        .filter(e => /violates PodSecurity/.test(e.message ?? ''))
        .map(
          e =>
            `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}`,
        );
    const state = await eventually(
      async () => {
        if ((await podSecurityRefusals()).length) return 'refused';
        const status = await call(
          'get',
          `/releases/${ns}/${releaseName}/status`,
        );
        return status.body.state === 'running' ? 'running' : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 2000, what: `${slug} to run` },
    );
    expect({ slug, state, refusals: await podSecurityRefusals() }).toEqual({
      slug,
      state: 'running',
      refusals: [],
    });
    const removed = await call(
      'delete',
      `/releases/${ns}/${releaseName}?deleteData=true`,
    );
    expect({
      status: removed.status,
      error: removed.body.error?.message,
    }).toEqual({ status: 200, error: undefined });
  },
);

it.each(entries.filter(e => REFUSED[e.slug]).map(e => [e.slug, e] as const))(
  'refuses %s before applying anything, naming the object',
  async (slug, entry) => {
    const ns = await workspaceFor(slug);
    const installed = await call(
      'post',
      '/releases',
      installRequest(ns, entry),
    );
    expect({
      status: installed.status,
      error: installed.body.error?.message,
    }).toEqual({ status: 403, error: expect.stringMatching(REFUSED[slug]) });
    const left = await kube.core.listNamespacedSecret({ namespace: ns });
    expect(left.items.map(i => i.metadata?.name)).not.toContainEqual(
      expect.stringMatching(/^sh\.helm\.release/),
    );
  },
);
