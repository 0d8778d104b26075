import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { screenshot, signInAsGuest } from './helpers';
import { cloudApi, fact, FIXTURE_APP, runId } from './cloud';

/**
 * Issue 6 in the browser: a marketplace app deployed through the Scaffolder's
 * Create wizard, with the custom workspace and subdomain fields and a secret,
 * ending on the new service's catalog entity page.
 */

const run = runId();
const workspaceId = `e2e${run}`;
const subdomain = `e2e-tpl-${run}`;
const serviceName = `E2E scaffolded ${run}`;
const SECRET = `e2e-${run}-Secret!`;

/** The entity page appears once the catalog provider has run (every 30 s by default). */
async function waitForEntityPage(page: Page, title: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('heading', { name: title })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000, intervals: [2_000, 5_000] });
}

test.afterAll(async ({ request }) => {
  // Tidy up: the service and its namespace contents.
  await (await cloudApi(request)).deleteAllServices(workspaceId);
});

test('a marketplace app is created through the Scaffolder and opens as a catalog entity', async ({
  page,
  request,
}) => {
  test.setTimeout(480_000);
  const cloud = await cloudApi(request);
  const ws = await cloud.post('/workspaces', {
    name: `E2E templates ${run}`,
    id: workspaceId,
  });
  expect(ws.status()).toBe(201);

  await signInAsGuest(page, '/create');
  // The template shows once the provider has published it.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(FIXTURE_APP).first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await screenshot(page, 'scaffolder-templates');

  const card = page.locator('.MuiCard-root').filter({
    has: page.getByRole('heading', { name: FIXTURE_APP, level: 4 }),
  });
  await card.getByRole('button', { name: 'Choose' }).click();

  // Step 1, Application: our WorkspacePicker and SubdomainPicker fields.
  await page.getByRole('button', { name: /Workspace/ }).click();
  await page
    .getByRole('option', { name: new RegExp(`\\(${workspaceId}\\)`) })
    .click();
  const name = page.getByRole('textbox', { name: /Application name/ });
  await name.fill(serviceName);
  const sub = page.getByRole('textbox', { name: /Subdomain/ });
  await sub.fill('admin');
  await expect(page.getByText('admin is reserved')).toBeVisible();
  await sub.fill(subdomain);
  await expect(
    page.getByText(new RegExp(`^${subdomain}\\..* is available$`)),
  ).toBeVisible();
  await screenshot(page, 'scaffolder-step-application');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2, Configuration: the password is a Scaffolder secret.
  await page.getByLabel(/App Password/).fill(SECRET);
  await screenshot(page, 'scaffolder-step-configuration');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 3, Advanced: defaults are fine except the greeting.
  await page.getByRole('textbox', { name: /Greeting/ }).fill('hello from e2e');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(SECRET)).toHaveCount(0);
  await screenshot(page, 'scaffolder-review');
  await page.getByRole('button', { name: 'Create' }).click();

  // The task page: the deploy step waits until the service runs.
  const openInCatalog = page.getByRole('link', { name: 'Open in catalog' });
  await expect(openInCatalog).toBeVisible({ timeout: 300_000 });
  await expect(
    page.getByRole('link', { name: 'Open service page' }),
  ).toBeVisible();
  await expect(page.getByText(SECRET)).toHaveCount(0);
  await screenshot(page, 'scaffolder-task-done');

  await openInCatalog.click();
  await waitForEntityPage(page, serviceName);
  await expect(page.getByText('cloud-service').first()).toBeVisible();
  await screenshot(page, 'scaffolder-service-entity');

  // The entity page's Cloud Service tabs show the same service.
  const tabs: Array<[string, string, Locator]> = [
    ['Service Overview', 'overview', fact(page, 'Helm release')],
    [
      'Configuration',
      'configuration',
      page.getByRole('cell', { name: 'hello from e2e' }),
    ],
    ['Metrics', 'metrics', page.getByRole('figure', { name: 'vCPU usage' })],
    [
      'Revisions',
      'revisions',
      page.getByRole('cell', { name: 'Install complete' }),
    ],
  ];
  for (const [tab, file, shown] of tabs) {
    // The entity layout's tabs are links (or tabs, depending on the layout).
    await page
      .getByRole('tab', { name: tab, exact: true })
      .or(page.getByRole('link', { name: tab, exact: true }))
      .first()
      .click();
    await expect(shown).toBeVisible();
    await screenshot(page, `scaffolder-entity-${file}`);
    await expectAccessible(page, `entity-${file}`);
  }
});
