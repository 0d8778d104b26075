import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './helpers';
import { cloudApi, openTab, runId, type ServiceRow } from './cloud';
import { RATES, startFakeExporter, type FakeExporter } from './fakeExporter';

/**
 * Issue 8 in the browser: the Metrics tab of a deployed service charts what
 * Prometheus holds for its pod. The samples come from a small exporter this
 * test serves (kwok pods export nothing) and the environment's Prometheus
 * scrapes every second.
 */

const run = runId();
const workspaceId = `e2e-metrics-${run}`;
let exporter: FakeExporter | undefined;

test.afterAll(async ({ request }) => {
  await exporter?.stop();
  await (await cloudApi(request)).deleteAllServices(workspaceId);
});

test('the Metrics tab charts vCPU, RAM, disk I/O, network and connections', async ({
  page,
  request,
}) => {
  test.setTimeout(480_000);
  // Set-up through the API: the UI of a deployment is flows.spec.ts's job.
  const api = await cloudApi(request);
  expect(
    (
      await api.post('/workspaces', {
        id: workspaceId,
        name: `E2E metrics ${run}`,
      })
    ).status(),
  ).toBe(201);
  const template = await (await api.get('/templates/woow-fixture-app')).json();
  const created = await api.post(`/workspaces/${workspaceId}/services`, {
    templateId: template.id,
    name: `Metrics ${run}`,
    subdomain: `e2e-metrics-${run}`,
    helmValues: { password: `pw-${run}-metrics` },
  });
  expect(created.status(), await created.text()).toBe(201);
  const serviceId: string = (await created.json()).id;
  const servicePath = `/workspaces/${workspaceId}/services/${serviceId}`;

  let service: ServiceRow | undefined;
  await expect
    .poll(
      async () => (service = await (await api.get(servicePath)).json()).state,
      {
        timeout: 240_000,
        intervals: [1_000, 2_000],
      },
    )
    .toBe('running');
  const status = await (await api.get(`${servicePath}/status`)).json();
  const pod: string = status.release.pods[0].name;
  expect(pod.startsWith(`${service!.helmReleaseName}-`)).toBe(true);

  // Serve the pod's metrics and let Prometheus find them.
  const ns = service!.helmNamespace;
  const release = service!.helmReleaseName;
  exporter = await startFakeExporter(
    {
      namespace: ns,
      pod,
      // The fixture chart's Service is named after the release (it contains the chart name).
      traefikService: `${ns}-${release}-${release}-${
        service!.internalPort
      }@kubernetes`,
    },
    `woow-e2e-metrics-${run}`,
  );

  // The backend answers with samples once a 15 s step has passed. Rates are
  // taken over a 300 s window (minRateWindowSeconds) that these few seconds
  // of samples only start to fill, so they show, below their final value.
  // Wait for three 15 s points, so the charts draw lines, not just dots.
  await expect
    .poll(
      async () => {
        const body = await (
          await api.get(`${servicePath}/metrics?range=1h`)
        ).json();
        const cpu = body.series?.find(
          (s: { name: string }) => s.name === 'cpu',
        );
        const samples = (cpu?.points ?? []).filter(
          ([, v]: [number, number | null]) => v !== null,
        );
        return { ...body.current, cpuSamples: Math.min(samples.length, 3) };
      },
      { timeout: 180_000, intervals: [2_000] },
    )
    .toMatchObject({
      cpuCores: expect.any(Number),
      memoryBytes: RATES.memoryBytes,
      activeConnections: RATES.openConnections,
      cpuSamples: 3,
    });

  await signInAsGuest(page, `/cloud-services${servicePath}?tab=metrics`);
  await expect(page.getByRole('tab', { name: 'Metrics' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const chart = (title: string) =>
    page.getByRole('figure', { name: title, exact: true });
  const rate = '[\\d.]+ (B|KiB|MiB)/s';
  const expected: Array<[string, RegExp]> = [
    ['vCPU usage', /vCPU usage: [\d.]+ cores?/],
    ['RAM usage', /Memory \(working set\): 96 MiB/],
    ['Disk I/O', new RegExp(`Disk read: ${rate}.*Disk write: ${rate}`)],
    [
      'Network (in/out)',
      new RegExp(`Network in: ${rate}.*Network out: ${rate}`),
    ],
    ['Active connections', /Active connections: 7/],
  ];
  for (const [title, values] of expected) {
    await expect(chart(title)).toContainText(values);
    // A drawn line (a flat one has no height, so check its path data), not
    // "No samples in this time range".
    await expect(
      chart(title).locator('path.recharts-line-curve').first(),
    ).toHaveAttribute('d', /^M[\d.]+,[\d.]+/);
  }
  await expect(page.getByLabel('Active connections now')).toHaveText(
    'Active connections now: 7',
  );
  await screenshot(page, 'metrics');

  // The range selector asks the backend for the other range and redraws.
  const ranges = page.getByRole('group', { name: 'Time range' });
  const dayResponse = page.waitForResponse(r =>
    r.url().includes('/metrics?range=24h'),
  );
  await ranges.getByRole('button', { name: '24 hours' }).click();
  expect((await dayResponse).ok()).toBe(true);
  await expect(
    ranges.getByRole('button', { name: '24 hours' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(chart('vCPU usage')).toBeVisible();
  await screenshot(page, 'metrics-24h');
  await ranges.getByRole('button', { name: 'Last hour' }).click();
  await expect(chart('vCPU usage')).toContainText(/vCPU usage: [\d.]+ cores?/);

  // The Overview's resources and live traffic read the same samples.
  await openTab(page, 'Overview');
  await expect(
    page.getByRole('group', { name: 'RAM usage', exact: true }),
  ).toContainText('96 MiB');
  await expect(
    chart('Network traffic').locator('path.recharts-line-curve').first(),
  ).toHaveAttribute('d', /^M/);
  await screenshot(page, 'metrics-overview');
});
