import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { screenshot, signInAsGuest } from './helpers';
import { cloudApi, runId, type ServiceRow } from './cloud';

/**
 * Issue 14 in the browser: the Logs tab follows a container's log. kwok
 * serves every pod's log from one file of the test environment
 * ($WOOW_KWOK_POD_LOG, see tools/testenv/README.md); a line appended to it
 * after the page opened shows up without a reload.
 */

const run = runId();
const workspaceId = `e2e-logs-${run}`;

function podLogFile(): string {
  const file = process.env.WOOW_KWOK_POD_LOG;
  if (!file) {
    throw new Error(
      'WOOW_KWOK_POD_LOG is unset: source the testenv env (npm test does) before running this spec',
    );
  }
  return file;
}

function appendLogLine(text: string) {
  fs.appendFileSync(
    podLogFile(),
    `${new Date().toISOString()} stdout F ${text}\n`,
  );
}

test.afterAll(async ({ request }) => {
  await (await cloudApi(request)).deleteAllServices(workspaceId);
});

test('the Logs tab shows a line written after the page opened', async ({
  page,
  request,
}) => {
  test.setTimeout(420_000);
  podLogFile();
  // Set-up through the API: the UI of a deployment is flows.spec.ts's job.
  const api = await cloudApi(request);
  expect(
    (
      await api.post('/workspaces', {
        id: workspaceId,
        name: `E2E logs ${run}`,
      })
    ).status(),
  ).toBe(201);
  const template = await (await api.get('/templates/woow-fixture-app')).json();
  const created = await api.post(`/workspaces/${workspaceId}/services`, {
    templateId: template.id,
    name: `Logs ${run}`,
    subdomain: `e2e-logs-${run}`,
    helmValues: { password: `pw-${run}-logs` },
  });
  expect(created.status(), await created.text()).toBe(201);
  const serviceId: string = (await created.json()).id;
  const servicePath = `/workspaces/${workspaceId}/services/${serviceId}`;
  let service: ServiceRow | undefined;
  await expect
    .poll(
      async () => {
        // The development backend restarts when files change: ask again.
        const res = await api.get(servicePath).catch(() => undefined);
        if (!res?.ok()) return 'unreachable';
        service = await res.json();
        return service!.state;
      },
      { timeout: 240_000, intervals: [1_000, 2_000] },
    )
    .toBe('running');

  const before = `e2e-before-${run}`;
  appendLogLine(before);
  await signInAsGuest(page, `/cloud-services${servicePath}?tab=logs`);
  await expect(page.getByRole('tab', { name: 'Logs' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByLabel('Pod', { exact: true })).toHaveValue(
    new RegExp(`^${service!.helmReleaseName}-`),
  );
  await expect(page.getByLabel('Container', { exact: true })).toHaveValue(
    'app',
  );
  const log = page.getByRole('log');
  await expect(log).toContainText(before);
  await expect(
    page.getByRole('status').filter({ hasText: 'Live' }),
  ).toBeVisible();

  // A line written now arrives on the open stream.
  const after = `e2e-after-${run}`;
  const appendedAt = Date.now();
  appendLogLine(after);
  await expect(log).toContainText(after);
  // eslint-disable-next-line no-console
  console.log(
    `logs: a line appended after the page opened showed after ${
      Date.now() - appendedAt
    } ms`,
  );

  // The search narrows the shown lines.
  await page.getByRole('searchbox', { name: 'Search log lines' }).fill(after);
  await expect(log).toContainText(after);
  await expect(log).not.toContainText(before);

  // Pause ends the stream and keeps the lines; Follow reads again.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Paused' }),
  ).toBeVisible();
  // Taken while paused: screenshot() waits for the network to be idle,
  // which an open log stream never is.
  await screenshot(page, 'logs');
  await page.getByRole('button', { name: 'Follow' }).click();
  await expect(log).toContainText(after);
});
