import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './helpers';
import { cloudApi, expectRunning, runId } from './cloud';

/**
 * Issue 15 in the browser: when a deploy finishes, its initiator finds a
 * notification on Backstage's notifications page, and it leads to the
 * service's page.
 */

const run = runId();
const workspaceId = `e2e-notify-${run}`;

test.afterAll(async ({ request }) => {
  await (await cloudApi(request)).deleteAllServices(workspaceId);
});

test('a finished deploy is announced on the notifications page and links to the service', async ({
  page,
  request,
}) => {
  test.setTimeout(420_000);
  const api = await cloudApi(request);
  expect(
    (
      await api.post('/workspaces', {
        id: workspaceId,
        name: `E2E notifications ${run}`,
      })
    ).status(),
  ).toBe(201);
  const name = `Announced ${run}`;
  const created = await api.post(`/workspaces/${workspaceId}/services`, {
    templateId: 'woow-fixture-app',
    name,
    subdomain: `e2e-notify-${run}`,
    helmValues: { password: `pw-${run}-notify` },
  });
  expect(created.status(), await created.text()).toBe(201);
  const serviceId: string = (await created.json()).id;
  await expect
    .poll(
      async () =>
        (
          await (
            await api.get(`/workspaces/${workspaceId}/services/${serviceId}`)
          ).json()
        ).state,
      { timeout: 240_000 },
    )
    .toBe('running');

  await signInAsGuest(page, '/notifications');
  const title = `Deploy of ${name} finished`;
  // The notification is sent when the reconciler sees the deploy finish:
  // reload until it is listed (the page itself also updates by signal).
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(title)).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  await expect(
    page.getByText(`${name} is running in workspace ${workspaceId}.`),
  ).toBeVisible();
  // No secret in what is shown.
  await expect(page.getByText(`pw-${run}-notify`)).toHaveCount(0);
  await screenshot(page, 'notifications-deploy-finished');

  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(
    new RegExp(
      `/cloud-services/workspaces/${workspaceId}/services/${serviceId}$`,
    ),
  );
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await expectRunning(page);
});
