import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { signInAsGuest } from './helpers';
import { cloudApi, expectRunning, runId } from './cloud';

/**
 * Every page of the product passes an axe-core WCAG 2 A/AA audit with no
 * serious or critical violation (e2e-tests/a11y.ts): the workspace list and
 * dashboard, the marketplace, the launch form, each tab of a running
 * service, the notifications page and the notification settings. The
 * catalog entity tabs are audited by scaffolder.spec.ts, which opens them.
 */

const run = runId();
const workspaceId = `e2e-a11y-${run}`;
const base = `/cloud-services/workspaces/${workspaceId}`;

test.afterAll(async ({ request }) => {
  await (await cloudApi(request)).deleteAllServices(workspaceId);
});

test('every page passes an axe-core WCAG 2 AA audit', async ({
  page,
  request,
}) => {
  test.setTimeout(600_000);
  // Set-up through the API: a workspace with one running service.
  const api = await cloudApi(request);
  expect(
    (
      await api.post('/workspaces', {
        id: workspaceId,
        name: `E2E accessibility ${run}`,
      })
    ).status(),
  ).toBe(201);
  const created = await api.post(`/workspaces/${workspaceId}/services`, {
    templateId: 'woow-fixture-app',
    name: `Accessible ${run}`,
    subdomain: `e2e-a11y-${run}`,
    helmValues: { password: `pw-${run}-a11y` },
  });
  expect(created.status(), await created.text()).toBe(201);
  const serviceId: string = (await created.json()).id;

  await signInAsGuest(page, '/cloud-services');
  await expect(
    page.getByRole('link', { name: `E2E accessibility ${run}` }),
  ).toBeVisible();
  await expectAccessible(page, 'workspace-list');

  await page.goto(base);
  await expect(
    page.getByRole('heading', { name: `E2E accessibility ${run}` }),
  ).toBeVisible();
  await expectAccessible(page, 'workspace-dashboard');

  await page.goto(`${base}/services/marketplace`);
  await expect(
    page.getByRole('textbox', { name: 'Search applications' }),
  ).toBeVisible();
  await expectAccessible(page, 'marketplace');

  await page.goto(`${base}/services/configure/woow-fixture-app`);
  await expect(
    page.getByRole('button', { name: 'Launch Application' }),
  ).toBeVisible();
  await expectAccessible(page, 'launch-form');

  await page.goto(`${base}/services/${serviceId}`);
  await expect(
    page.getByRole('heading', { name: `Accessible ${run}`, exact: true }),
  ).toBeVisible();
  await expectRunning(page);
  const tabs = page.getByRole('tab');
  const names = (await tabs.allInnerTexts()).map(t => t.trim());
  expect(names.length).toBeGreaterThan(3);
  for (const name of names) {
    await page.getByRole('tab', { name, exact: true }).click();
    await expect(
      page.getByRole('tab', { name, exact: true, selected: true }),
    ).toBeVisible();
    await expectAccessible(page, `service-${name.toLowerCase()}`);
  }

  await page.goto('/notifications');
  await expect(
    page.getByRole('heading', { name: 'Notifications' }).first(),
  ).toBeVisible();
  await expectAccessible(page, 'notifications', {
    upstream: [
      {
        rule: 'aria-command-name',
        why: "the notifications plugin's page: its drag handles (role=button) have no name",
      },
      {
        rule: 'nested-interactive',
        why: "the notifications plugin's page: drag handles wrap the rows' links",
      },
    ],
  });

  await page.goto('/settings/notifications');
  await expect(page.getByRole('tab', { name: 'Notifications' })).toBeVisible();
  await expectAccessible(page, 'settings-notifications', {
    upstream: [
      {
        rule: 'aria-valid-attr-value',
        why: "the user-settings page's tabs (Backstage UI): aria-controls names a panel that is not rendered",
      },
      {
        rule: 'label',
        why: "the notifications plugin's settings card: its switches have no label",
      },
    ],
  });
});
