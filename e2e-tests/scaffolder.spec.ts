import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { screenshot, signInAsGuest } from './helpers';

/**
 * Issue 6 in the browser: a marketplace app deployed through the Scaffolder's
 * Create wizard, with the custom workspace and subdomain fields and a secret,
 * ending on the new service's catalog entity page.
 */

const run = Date.now().toString(36).slice(-6);
const workspaceId = `e2e${run}`;
const subdomain = `e2e-tpl-${run}`;
const serviceName = `E2E scaffolded ${run}`;
const SECRET = `e2e-${run}-Secret!`;

async function guestToken(request: APIRequestContext): Promise<string> {
  const refresh = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.ok()).toBe(true);
  return (await refresh.json()).backstageIdentity.token;
}

async function api(request: APIRequestContext) {
  const headers = { Authorization: `Bearer ${await guestToken(request)}` };
  const base = '/api/woow-cloud-services';
  return {
    get: (p: string) => request.get(`${base}${p}`, { headers }),
    post: (p: string, data: object) => request.post(`${base}${p}`, { headers, data }),
    del: (p: string) => request.delete(`${base}${p}`, { headers }),
  };
}

/** The entity page appears once the catalog provider has run (every 30 s by default). */
async function waitForEntityPage(page: Page, title: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('heading', { name: title })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000, intervals: [2_000, 5_000] });
}

test('a marketplace app is created through the Scaffolder and opens as a catalog entity', async ({
  page,
  request,
}) => {
  const cloud = await api(request);
  const ws = await cloud.post('/workspaces', { name: `E2E templates ${run}`, id: workspaceId });
  expect(ws.status()).toBe(201);

  await signInAsGuest(page, '/create');
  // The template shows once the provider has published it.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('Woow Fixture App').first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  await screenshot(page, 'scaffolder-templates');

  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Woow Fixture App' })
    .first();
  await card.getByRole('button', { name: 'Choose' }).click();

  // Step 1, Application: our WorkspacePicker and SubdomainPicker fields.
  await page.getByRole('button', { name: /Workspace/ }).click();
  await page.getByRole('option', { name: new RegExp(`\\(${workspaceId}\\)`) }).click();
  const name = page.getByRole('textbox', { name: /Application name/ });
  await name.fill(serviceName);
  const sub = page.getByRole('textbox', { name: /Subdomain/ });
  await sub.fill('admin');
  await expect(page.getByText('admin is reserved')).toBeVisible();
  await sub.fill(subdomain);
  await expect(page.getByText(new RegExp(`^${subdomain}\\..* is available$`))).toBeVisible();
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
  await expect(page.getByRole('link', { name: 'Open service page' })).toBeVisible();
  await expect(page.getByText(SECRET)).toHaveCount(0);
  await screenshot(page, 'scaffolder-task-done');

  await openInCatalog.click();
  await waitForEntityPage(page, serviceName);
  await expect(page.getByText('cloud-service').first()).toBeVisible();
  await screenshot(page, 'scaffolder-service-entity');

  // Tidy up: the service and its namespace contents.
  const list = await (await cloud.get(`/workspaces/${workspaceId}/services`)).json();
  for (const service of list.items) {
    await cloud.del(
      `/workspaces/${workspaceId}/services/${service.id}?deleteData=true&version=${service.version}`,
    );
  }
});
