import {
  allSpecs,
  expandDottedValues,
  type TemplateDefinition,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import path from 'node:path';
import request from 'supertest';
import {
  deleteNamespaces,
  eventually,
  kubeClients,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from '../__testUtils__/testenv';
import {
  chartDefaultValues,
  checkValueKeys,
  hasPlanValueKey,
  hasValueKey,
} from './chartValueKeys';
import {
  EXPECTED_UNCHECKED,
  KEYS_NOT_DEFAULTED,
  upgrades,
} from './conformanceChoices';
import { ConformanceRow, writeConformanceReport } from './conformanceTable';
import { limiter } from './limiter';
import {
  chartArchive,
  launchValues,
  readMarketplace,
  planValueKeys,
  valueSpecKeys,
} from './marketplaceApps';

// The marketplace conformance stage (`npm test -- --only=conformance`; the
// unit stage leaves this file out, see package.json "jest"). Every
// marketplace app whose chart is in the local Helm repository of the real
// public charts (/work/shared/charts, or WOOW_MARKETPLACE_CHARTS) goes
// through the operator's own path on the sandbox (kwok nodes run the pods,
// no image is pulled), under the locked-down deployer ServiceAccount with
// Pod Security Admission "baseline": install with its marketplace values,
// running, upgrade of one value, running at revision 2, rollback to 1 with
// the values back, delete with nothing left. And every value-spec key exists
// in the chart's own values. Writes artifacts/conformance.md.

// Real helm against a real control plane on a shared, slow machine: a
// generous safety net per test (each waits for its own app only).
jest.setTimeout(900_000);

const env = requireTestEnv();
const kube = kubeClients();
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const CHARTS_DIR = process.env.WOOW_MARKETPLACE_CHARTS ?? '/work/shared/charts';
const REPORT = path.join(REPO_ROOT, 'artifacts', 'conformance.md');
/** Apps installed at a time (2 cores shared with others). */
const CONCURRENCY = 2;
const WAIT = { timeoutMs: 300_000, intervalMs: 2000 };
const id = runId();

const UPGRADES = upgrades(id);

const apps = readMarketplace(path.join(REPO_ROOT, 'marketplace'));
const withChart = apps.filter(app => chartArchive(CHARTS_DIR, app));
const refused = withChart.filter(app => EXPECTED_UNCHECKED[app.slug]?.refusal);
const checked = withChart.filter(app => !refused.includes(app));

function initialInstalls(app: TemplateDefinition): string {
  const expected = EXPECTED_UNCHECKED[app.slug];
  if (expected) return `unchecked: ${expected.reason}`;
  if (!chartArchive(CHARTS_DIR, app))
    return `unchecked: chart not in ${CHARTS_DIR}`;
  return 'not run';
}

const rows = new Map<string, ConformanceRow>(
  apps.map(app => [
    app.slug,
    {
      app: app.slug,
      chart: app.helmChart.chartName,
      chartVersion: app.helmChart.chartVersion,
      installs: initialInstalls(app),
      upgradeRollback: 'not run',
      deleted: 'not run',
      keysChecked: 0,
      keysAllowed: 0,
      keysTotal: valueSpecKeys(app).length,
    },
  ]),
);
const row = (app: TemplateDefinition) => rows.get(app.slug)!;

let server: any;
const namespaces: string[] = [];
const runs = new Map<string, Promise<void>>();

const call = (
  method: 'get' | 'post' | 'patch' | 'delete',
  p: string,
  body?: object,
) =>
  request(server)
    [method](`/api/helm-operator${p}`)
    .set('Authorization', SERVICE)
    .send(body);

const outcome = (res: request.Response) => ({
  status: res.status,
  error: res.body.error?.message,
});

/** A workspace namespace for one app, with the largest quota allowed: what is tested is the chart, not sizing. */
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
  expect(outcome(ensured)).toEqual({ status: 200, error: undefined });
  return ns;
}

/** Pod Security Admission refuses pods, not workloads: a FailedCreate event of the ReplicaSet/StatefulSet/Job. */
async function podSecurityRefusals(ns: string): Promise<string[]> {
  return (await kube.core.listNamespacedEvent({ namespace: ns })).items
    .filter(e => /violates PodSecurity/.test(e.message ?? ''))
    .map(
      e => `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}`,
    );
}

/** Waits for the operator's `running` at a revision (or a PodSecurity refusal). */
async function runningAt(ns: string, name: string, revision: number) {
  const seen = await eventually(
    async () => {
      if ((await podSecurityRefusals(ns)).length) return 'refused';
      const status = await call('get', `/releases/${ns}/${name}/status`);
      return status.body.state === 'running' &&
        status.body.revision === revision
        ? 'running'
        : undefined;
    },
    { ...WAIT, what: `${name} to run at revision ${revision}` },
  );
  expect({ seen, refusals: await podSecurityRefusals(ns) }).toEqual({
    seen: 'running',
    refusals: [],
  });
}

async function userValues(ns: string, name: string) {
  const res = await call('get', `/releases/${ns}/${name}/values`);
  expect(outcome(res)).toEqual({ status: 200, error: undefined });
  return res.body as { revision: number; values: Record<string, unknown> };
}

/** Install, running, upgrade, running at 2, rollback to 1, delete: each step in the app's row once passed. */
async function runApp(app: TemplateDefinition): Promise<void> {
  const upgrade = UPGRADES[app.slug];
  expect({ slug: app.slug, upgrade }).toEqual({
    slug: app.slug,
    upgrade: expect.anything(),
  });
  const ns = await workspaceFor(app.slug);
  const name = `${ns}-app`;
  const values = launchValues(app, id);
  row(app).installs = 'failed';
  const installed = await call('post', '/releases', {
    namespace: ns,
    releaseName: name,
    chart: {
      localName: app.helmChart.chartName,
      version: app.helmChart.chartVersion,
    },
    values,
  });
  expect(outcome(installed)).toEqual({ status: 201, error: undefined });
  await runningAt(ns, name, 1);
  expect((await userValues(ns, name)).values).toEqual(values);
  row(app).installs = 'yes';

  row(app).upgradeRollback = 'failed';
  const upgradedValues = expandDottedValues(values, {
    [upgrade.key]: upgrade.value,
  });
  const upgraded = await call('patch', `/releases/${ns}/${name}`, {
    values: upgradedValues,
  });
  expect({ ...outcome(upgraded), revision: upgraded.body.revision }).toEqual({
    status: 200,
    error: undefined,
    revision: 2,
  });
  await runningAt(ns, name, 2);
  expect((await userValues(ns, name)).values).toEqual(upgradedValues);
  const rolledBack = await call('post', `/releases/${ns}/${name}/rollback`, {
    revision: 1,
  });
  expect({
    ...outcome(rolledBack),
    revision: rolledBack.body.revision,
  }).toEqual({ status: 200, error: undefined, revision: 3 });
  await runningAt(ns, name, 3);
  expect((await userValues(ns, name)).values).toEqual(values);
  row(app).upgradeRollback = `yes (${upgradeLabel(app)})`;

  row(app).deleted = 'failed';
  const removed = await call(
    'delete',
    `/releases/${ns}/${name}?deleteData=true`,
  );
  expect(outcome(removed)).toEqual({ status: 200, error: undefined });
  const left = await call('get', `/releases?namespace=${ns}`);
  const releaseSecrets = (
    await kube.core.listNamespacedSecret({ namespace: ns })
  ).items
    .map(s => s.metadata?.name ?? '')
    .filter(s => s.startsWith('sh.helm.release'));
  expect({ releases: left.body.items, releaseSecrets }).toEqual({
    releases: [],
    releaseSecrets: [],
  });
  row(app).deleted = 'yes';
}

/** Which value the upgrade changed and where the template or chart declares it; secrets are not shown. */
function upgradeLabel(app: TemplateDefinition): string {
  const { key, value } = UPGRADES[app.slug];
  const spec = allSpecs(app.valueSpecs).find(s => s.key === key);
  let where = 'chart value';
  if (spec) where = 'value spec';
  else if (hasValueKey(app.helmChart.defaultValues, key)) {
    where = 'template default';
  }
  const shown =
    spec?.type === 'password' ? 'a new secret' : JSON.stringify(value);
  return `${where} ${key} = ${shown}`;
}

/** Starts every app's run, `CONCURRENCY` at a time in test order; each test awaits its own. */
function startRuns() {
  const slot = limiter(CONCURRENCY);
  for (const app of checked) {
    const run = slot(() => runApp(app));
    // The app's test reports the failure; this only keeps it from being "unhandled" meanwhile.
    run.catch(() => undefined);
    runs.set(app.slug, run);
  }
}

beforeAll(async () => {
  ({ server } = await startOperator({
    helmBinary: env.helm4,
    localChartsDir: CHARTS_DIR,
  }));
});

afterAll(async () => {
  writeConformanceReport(
    REPORT,
    [
      `Charts: ${CHARTS_DIR}; helm ${path.basename(
        path.dirname(env.helm4),
      )}; the operator in-process with the deployer ServiceAccount, PSA baseline, kwok nodes.`,
      ...Object.entries(EXPECTED_UNCHECKED).map(
        ([slug, { reason }]) => `Unchecked: ${slug}: ${reason}.`,
      ),
      ...Object.entries(KEYS_NOT_DEFAULTED).flatMap(([slug, keys]) =>
        Object.entries(keys).map(
          ([key, reason]) =>
            `Key not in the chart's values, allowed: ${slug} ${key}: ${reason}.`,
        ),
      ),
    ],
    [...rows.values()],
  );
  await deleteNamespaces(kube, namespaces);
});

it('leaves unchecked exactly the apps expected, each for its reason', () => {
  const unchecked = apps
    .filter(app => !checked.includes(app))
    .map(app => app.slug);
  expect(unchecked.sort()).toEqual(Object.keys(EXPECTED_UNCHECKED).sort());
});

it.each(withChart.map(app => [app.slug, app] as const))(
  "declares in %s's chart values every plan value key",
  async (slug, app) => {
    const chartValues = await chartDefaultValues(
      env.helm4,
      chartArchive(CHARTS_DIR, app)!,
    );
    const missing = planValueKeys(app).filter(
      key => !hasPlanValueKey(chartValues, key),
    );
    expect({ slug, missing }).toEqual({ slug, missing: [] });
  },
);

it.each(withChart.map(app => [app.slug, app] as const))(
  "declares in %s's chart values every value-spec key",
  async (slug, app) => {
    const chartValues = await chartDefaultValues(
      env.helm4,
      chartArchive(CHARTS_DIR, app)!,
    );
    const result = checkValueKeys(
      chartValues,
      valueSpecKeys(app),
      KEYS_NOT_DEFAULTED[slug],
    );
    row(app).keysChecked = result.found.length;
    row(app).keysAllowed = Object.keys(KEYS_NOT_DEFAULTED[slug] ?? {}).length;
    expect({
      slug,
      missing: result.missing,
      stale: result.staleExcuses,
    }).toEqual({ slug, missing: [], stale: [] });
    // The upgraded value is the chart's too (a new entry of a map such as
    // podAnnotations: the map). Refused apps are not upgraded.
    const upgradeKey = UPGRADES[slug]?.key;
    const upgradeInChart =
      upgradeKey === undefined ||
      hasValueKey(chartValues, upgradeKey) ||
      hasValueKey(chartValues, upgradeKey.replace(/\.[^.]+$/, ''));
    expect({ slug, upgradeKey, upgradeInChart }).toEqual({
      slug,
      upgradeKey,
      upgradeInChart: true,
    });
  },
);

it.each(refused.map(app => [app.slug, app] as const))(
  'refuses %s before applying anything, naming the object',
  async (slug, app) => {
    const ns = await workspaceFor(slug);
    const installed = await call('post', '/releases', {
      namespace: ns,
      releaseName: `${ns}-app`,
      chart: {
        localName: app.helmChart.chartName,
        version: app.helmChart.chartVersion,
      },
      values: launchValues(app, id),
    });
    expect(outcome(installed)).toEqual({
      status: 403,
      error: expect.stringMatching(EXPECTED_UNCHECKED[slug].refusal!),
    });
    const left = await kube.core.listNamespacedSecret({ namespace: ns });
    expect(left.items.map(i => i.metadata?.name)).not.toContainEqual(
      expect.stringMatching(/^sh\.helm\.release/),
    );
  },
);

describe('each app through the operator', () => {
  beforeAll(startRuns);

  it.each(checked.map(app => [app.slug] as const))(
    'installs %s, runs, upgrades, rolls back and deletes it',
    async slug => {
      const run = runs.get(slug);
      expect(run).toBeDefined();
      await run;
    },
  );
});
