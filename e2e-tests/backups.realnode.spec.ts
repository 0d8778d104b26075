import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { screenshot, signInAsGuest } from './helpers';
import { cloudApi, expectRunning, openTab, runId } from './cloud';
import { appUrl, readyPod, realNodeFixtureTemplate } from './realNode';

/**
 * Issue 17 in the browser, on real data: the fixture app runs on the test
 * environment's real node with a volume; a file is written through the
 * app's own HTTP endpoint, backed up from the Backups tab, changed, restored
 * from the tab (the confirmation names what is overwritten; the service is
 * Restoring meanwhile), and the original content is read back through the
 * app's endpoint. The Backups tab passes the accessibility audit. Needs the
 * real node and the operator apart with helmOperator.backups (npm test's
 * e2e stage with WOOW_TESTENV_REAL_NODE=1, the default).
 */

test.describe.configure({ mode: 'serial' });

const run = runId();
const workspaceId = `e2e-bk-${run}`;
const TEMPLATE_SLUG = 'fixture-rn';
const SERVICE = 'Backed up files';

/** The URL of the test file on the release's Ready pod (the app's own endpoint). */
const fileUrl = async (namespace: string, release: string) =>
  appUrl(await readyPod(namespace, release), '/files/known.txt');

let page: Page;
let namespace: string;
let release: string;

const writeFile = async (text: string) => {
  const res = await fetch(await fileUrl(namespace, release), {
    method: 'PUT',
    body: text,
  });
  expect(res.status).toBeLessThan(300);
};
const readFile = async () =>
  (await fetch(await fileUrl(namespace, release))).text();

test.beforeAll(async ({ browser, request }) => {
  test.setTimeout(300_000);
  const api = await cloudApi(request);
  const existing = await api.get(`/templates/${TEMPLATE_SLUG}`);
  if (existing.status() === 404) {
    const created = await api.post(
      '/templates',
      realNodeFixtureTemplate(TEMPLATE_SLUG, 'Fixture app on the real node'),
    );
    expect(created.status(), await created.text()).toBe(201);
  }
  const ws = await api.post('/workspaces', {
    id: workspaceId,
    name: `E2E backups ${run}`,
  });
  expect(ws.status(), await ws.text()).toBe(201);
  const created = await api.post(`/workspaces/${workspaceId}/services`, {
    templateId: TEMPLATE_SLUG,
    name: SERVICE,
    subdomain: `bk-${run}`,
    helmValues: { password: `Pw-${run}-files`, 'persistence.enabled': true },
  });
  expect(created.status(), await created.text()).toBe(201);
  const service = await created.json();
  namespace = service.helmNamespace;
  release = service.helmReleaseName;
  page = await browser.newPage();
  await signInAsGuest(
    page,
    `/cloud-services/workspaces/${workspaceId}/services/${service.id}`,
  );
  await expectRunning(page);
});

test.afterAll(async ({ request }) => {
  await (await cloudApi(request)).deleteAllServices(workspaceId);
  await page?.close();
});

test('backs up, restores, and the app serves the original file again', async () => {
  test.setTimeout(600_000);
  await writeFile('the original content');

  await openTab(page, 'Backups');
  await expect(page.getByText('No backups yet')).toBeVisible();
  await page.getByRole('button', { name: 'Back up now' }).click();
  const table = page.getByRole('table');
  await expect(table.getByText('Succeeded')).toBeVisible({ timeout: 300_000 });
  await expect(table.getByText('Manual')).toBeVisible();
  await expectAccessible(page, 'service backups tab');
  await screenshot(page, 'backups-tab');

  await writeFile('changed after the backup');
  expect(await readFile()).toBe('changed after the backup');

  await page.getByRole('button', { name: /^Restore the backup of / }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(
    `This overwrites all data in the volumes of ${SERVICE}`,
  );
  await dialog.getByRole('button', { name: 'Restore and overwrite' }).click();
  await expectRunning(page);
  expect(await readFile()).toBe('the original content');
});
