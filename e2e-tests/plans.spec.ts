import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { signInAsGuest } from './helpers';
import {
  cloudApi,
  expectRunning,
  fact,
  fillLaunchForm,
  launch,
  runId,
} from './cloud';

/**
 * Plans (issue 14) in the browser: the launch form offers the fixture app's
 * plans as cards with the workspace's quota left; the chosen plan's
 * requests and limits reach the pods, and the Overview shows them from the
 * running pods. Both pages pass the accessibility audit.
 */

const run = runId();
const workspaceId = `e2e-plans-${run}`;
const base = `/cloud-services/workspaces/${workspaceId}`;

test.afterAll(async ({ request }) => {
  await (await cloudApi(request)).deleteAllServices(workspaceId);
});

test('launch with a plan and see its resources on the Overview', async ({
  page,
  request,
}) => {
  test.setTimeout(600_000);
  const api = await cloudApi(request);
  expect(
    (
      await api.post('/workspaces', {
        id: workspaceId,
        name: `E2E plans ${run}`,
      })
    ).status(),
  ).toBe(201);

  await signInAsGuest(page, `${base}/services/configure/woow-fixture-app`);
  const plans = page.getByRole('radiogroup', { name: 'Plan' });
  await expect(plans.getByRole('radio', { name: /Small/ })).toBeChecked();
  await expect(plans).toContainText('100m vCPU · 128Mi memory');
  // A new workspace has no namespace, so no ResourceQuota yet.
  await expect(
    page.getByText('No quota applies to this workspace yet.'),
  ).toBeVisible();
  await plans.getByRole('radio', { name: /Medium/ }).check();
  await fillLaunchForm(page, {
    name: `Medium ${run}`,
    subdomain: `e2e-plan-${run}`,
    password: `pw-${run}-plan`,
  });
  await expectAccessible(page, 'launch-form-plans');
  await launch(page, `Medium ${run}`);

  await expectRunning(page);
  await expect(fact(page, 'Plan')).toHaveText(
    'Medium (100m vCPU · 128Mi memory)',
  );
  const table = page.getByRole('table', {
    name: 'Container requests and limits',
  });
  const row = table.getByRole('row').nth(1);
  await expect(row).toContainText('cpu 100m, memory 128Mi');
  await expect(row).toContainText('cpu 200m, memory 256Mi');
  await expectAccessible(page, 'overview-plan-resources');
});
