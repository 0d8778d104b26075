import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { screenshot, signInAsGuest } from './helpers';
import { cloudApi, openTab, runId, type ServiceRow } from './cloud';
import {
  appUrl,
  readyPod,
  realNodeFixtureTemplate,
  releasePods,
} from './realNode';

/**
 * Issue 17 in the browser: the fixture app runs for real on the test
 * environment's real node (kubelet + containerd, see tools/testenv/README.md).
 * The Logs tab follows what the app itself writes (a request to its HTTP
 * endpoint shows up while following); the Metrics tab charts the kubelet's
 * cAdvisor series that the environment's Prometheus scrapes from the node;
 * a second app allocating more memory than its limit shows `OOMKilled` with
 * the limit on its Overview. Each tab visited passes the accessibility
 * audit. Needs the real node (npm test's e2e stage leaves this file out with
 * WOOW_TESTENV_REAL_NODE=0).
 */

test.describe.configure({ mode: 'serial' });

const run = runId();
const workspaceId = `e2e-rn-${run}`;
const APP = 'fixture-real';
const OOM_APP = 'fixture-real-oom';
/** Above the small plan's 128Mi memory limit (test-fixtures/marketplace/woow-fixture-app.yaml). */
const ALLOC_MB = 200;

let page: Page;
let service: ServiceRow;

type Api = Awaited<ReturnType<typeof cloudApi>>;

async function ensureTemplate(
  api: Api,
  template: ReturnType<typeof realNodeFixtureTemplate>,
) {
  if ((await api.get(`/templates/${template.slug}`)).status() !== 404) return;
  const created = await api.post('/templates', template);
  expect(created.status(), await created.text()).toBe(201);
}

/** Launches the template through the API (the launch UI is flows.spec.ts's job); returns its path. */
async function createService(api: Api, templateId: string, name: string) {
  const created = await api.post(`/workspaces/${workspaceId}/services`, {
    templateId,
    name,
    subdomain: `${templateId}-${run}`,
    helmValues: { password: `pw-${run}-real` },
  });
  expect(created.status(), await created.text()).toBe(201);
  return `/workspaces/${workspaceId}/services/${(await created.json()).id}`;
}

async function serviceRow(api: Api, servicePath: string) {
  // The development backend restarts when files change: ask again.
  const res = await api.get(servicePath).catch(() => undefined);
  return res?.ok() ? ((await res.json()) as ServiceRow) : undefined;
}

test.beforeAll(async ({ browser, request }) => {
  test.setTimeout(360_000);
  const api = await cloudApi(request);
  await ensureTemplate(
    api,
    realNodeFixtureTemplate(APP, 'Fixture app on the real node'),
  );
  await ensureTemplate(
    api,
    realNodeFixtureTemplate(OOM_APP, 'Fixture app over its memory limit', {
      env: { FIXTURE_ALLOC_MB: String(ALLOC_MB) },
    }),
  );
  const ws = await api.post('/workspaces', {
    id: workspaceId,
    name: `E2E real node ${run}`,
  });
  expect(ws.status(), await ws.text()).toBe(201);
  const servicePath = await createService(api, APP, `Real app ${run}`);
  await expect
    .poll(
      async () => (service = (await serviceRow(api, servicePath))!)?.state,
      { timeout: 240_000, intervals: [1_000, 2_000] },
    )
    .toBe('running');
  page = await browser.newPage();
});

test.afterAll(async ({ request }) => {
  await page?.close();
  await (await cloudApi(request)).deleteAllServices(workspaceId);
});

/** A screenshot of the tab shown, and its accessibility audit. */
async function recordTab(name: string) {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

const servicePage = () =>
  `/cloud-services/workspaces/${workspaceId}/services/${service.id}`;

test('the app runs on the real node and its own log lines arrive in the Logs tab', async () => {
  const pod = await readyPod(service.helmNamespace, service.helmReleaseName);
  expect(pod.spec?.nodeName).toBe(process.env.WOOW_REAL_NODE ?? 'real-node-0');

  await signInAsGuest(page, `${servicePage()}?tab=logs`);
  await expect(page.getByLabel('Pod', { exact: true })).toHaveValue(
    pod.metadata!.name!,
  );
  const log = page.getByRole('log');
  // What the app printed at start, read from the kubelet through the API server.
  await expect(log).toContainText(/woow-fixture-app [\d.]+ listening on :8080/);
  await expect(
    page.getByRole('status').filter({ hasText: 'Live' }),
  ).toBeVisible();

  // A request to the app's endpoint: the app logs it, the open stream shows it.
  const probe = `/files/e2e-probe-${run}`;
  const requestedAt = Date.now();
  const res = await fetch(appUrl(pod, probe));
  expect(res.status).toBe(404); // no such file: the app answered, and logged it
  await expect(log).toContainText(`GET ${probe} 404`, { timeout: 30_000 });
  // eslint-disable-next-line no-console
  console.log(
    `realnode logs: request -> line on screen after ${
      Date.now() - requestedAt
    } ms`,
  );
  // Paused first: the screenshot and the audit wait for the network to be
  // idle, which an open log stream never is.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Paused' }),
  ).toBeVisible();
  await recordTab('realnode-logs');
});

test("the Metrics tab charts the kubelet's cAdvisor series of the app", async ({
  request,
}) => {
  test.setTimeout(300_000);
  const api = await cloudApi(request);
  const metricsPath = `/workspaces/${workspaceId}/services/${service.id}/metrics?range=1h`;
  // Prometheus scrapes the node's /metrics/cadvisor every 5 s; the backend
  // answers in 15 s steps: wait for two points of each series.
  await expect
    .poll(
      async () => {
        const body = await (await api.get(metricsPath)).json();
        const points = (name: string) =>
          Math.min(
            2,
            (
              body.series?.find((s: { name: string }) => s.name === name)
                ?.points ?? []
            ).filter(([, v]: [number, number | null]) => v !== null).length,
          );
        return {
          memoryPositive: (body.current?.memoryBytes ?? 0) > 0,
          cpuPositive: (body.current?.cpuCores ?? 0) > 0,
          cpuPoints: points('cpu'),
          memoryPoints: points('memory'),
        };
      },
      { timeout: 240_000, intervals: [2_000] },
    )
    .toEqual({
      memoryPositive: true,
      cpuPositive: true,
      cpuPoints: 2,
      memoryPoints: 2,
    });

  await openTab(page, 'Metrics');
  const chart = (title: string) =>
    page.getByRole('figure', { name: title, exact: true });
  // A real working set: some MiB (never "0 B").
  await expect(chart('RAM usage')).toContainText(
    /Memory \(working set\): [1-9][\d.]* (KiB|MiB)/,
  );
  await expect(chart('vCPU usage')).toContainText(/vCPU usage: [\d.]+ cores?/);
  for (const title of ['RAM usage', 'vCPU usage']) {
    await expect(
      chart(title).locator('path.recharts-line-curve').first(),
    ).toHaveAttribute('d', /^M[\d.]+,[\d.]+/);
  }
  await recordTab('realnode-metrics');
});

test('an app over its memory limit shows OOMKilled with the limit on its Overview', async ({
  request,
}) => {
  test.setTimeout(360_000);
  const api = await cloudApi(request);
  const servicePath = await createService(api, OOM_APP, `Hungry app ${run}`);
  const oom = (await serviceRow(api, servicePath))!;
  await signInAsGuest(page, `/cloud-services${servicePath}?tab=overview`);
  await expect(
    page.getByRole('heading', { name: oom.name, exact: true }),
  ).toBeVisible();
  // The kernel kills the container at its limit, the kubelet restarts it,
  // then backs off: the operator names the cause, the Overview says it.
  await expect(
    page
      .getByText(
        // In the live status's problems, or in the error the reconciler
        // recorded once it gave up on the deploy ("OOMKilled on Pod/...: ").
        /OOMKilled( on Pod\/[\w.-]+)?: container app: killed for running out of memory \(limit 128Mi\), exit code 137/,
      )
      .first(),
  ).toBeVisible({ timeout: 300_000 });
  const [pod] = await releasePods(oom.helmNamespace, oom.helmReleaseName);
  expect(pod.spec?.nodeName).toBe(process.env.WOOW_REAL_NODE ?? 'real-node-0');
  expect(
    pod.status?.containerStatuses?.[0]?.lastState?.terminated?.reason,
  ).toBe('OOMKilled');
  await recordTab('realnode-oom-overview');
});
