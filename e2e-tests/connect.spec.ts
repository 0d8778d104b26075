import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { axeViolations } from './a11y';
import { screenshot, signInAsGuest } from './helpers';
import { cloudApi, fact, runId, statusBadge } from './cloud';

/**
 * Issue 14 in the browser: a database app (the real Bitnami PostgreSQL chart
 * from the local Helm repository of ../shared/charts, served by the operator
 * apart, see scripts/e2eCharts.mjs) asks for no subdomain, gets no public
 * URL and no "Open Web UI", and shows a Connect card with its in-cluster
 * address and port-forward command; the workspace owner reveals its password.
 */

const run = runId();
const workspaceId = `e2e-conn-${run}`;
const password = `Pw-${run}-connect`;
const TEMPLATE_SLUG = 'postgresql-local';
const TEMPLATE_NAME = 'PostgreSQL (local chart)';

/** marketplace/postgresql.yaml, its chart taken from the operator's local charts. */
function localPostgresTemplate() {
  const file = path.join(__dirname, '..', 'marketplace', 'postgresql.yaml');
  const definition = parse(fs.readFileSync(file, 'utf8'));
  return {
    ...definition,
    slug: TEMPLATE_SLUG,
    name: TEMPLATE_NAME,
    helmChart: { ...definition.helmChart, repository: 'local:' },
  };
}

test.afterAll(async ({ request }) => {
  await (await cloudApi(request)).deleteAllServices(workspaceId);
});

test('a database app shows how to connect and no public URL', async ({
  page,
  request,
}) => {
  test.setTimeout(480_000);
  // Set-up through the API (the guest is the sandbox's platform admin).
  const api = await cloudApi(request);
  const existing = await api.get(`/templates/${TEMPLATE_SLUG}`);
  if (existing.status() === 404) {
    const created = await api.post('/templates', localPostgresTemplate());
    expect(created.status(), await created.text()).toBe(201);
  }
  expect(
    (
      await api.post('/workspaces', {
        id: workspaceId,
        name: `E2E connect ${run}`,
      })
    ).status(),
  ).toBe(201);

  // Launch from the configuration page: no subdomain is asked.
  await signInAsGuest(
    page,
    `/cloud-services/workspaces/${workspaceId}/services/configure/${TEMPLATE_SLUG}`,
  );
  await expect(
    page.getByRole('heading', { name: `Configure ${TEMPLATE_NAME}` }),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Subdomain' })).toHaveCount(0);
  await expect(
    page.getByText(
      `${TEMPLATE_NAME} has no web UI, so it gets no public address.`,
    ),
  ).toBeVisible();
  const name = `Orders DB ${run}`;
  await page.getByRole('textbox', { name: 'Application name' }).fill(name);
  await page.getByLabel('Admin Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Launch Application' }).click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await expect(statusBadge(page, 'Running')).toBeVisible({ timeout: 300_000 });

  const [service] = await api.services(workspaceId);
  const release = service.helmReleaseName;
  const ns = service.helmNamespace;
  // The chart's Service is its fullname: the release name, which contains "postgresql".
  const address = `${release}.${ns}.svc.cluster.local:5432`;

  await expect(page.getByRole('link', { name: 'Open Web UI' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Open Web UI' })).toHaveCount(
    0,
  );
  await expect(page.getByRole('group', { name: 'Public URL' })).toHaveCount(0);
  await expect(page.getByText(/woowtech\.com/)).toHaveCount(0);

  await expect(fact(page, 'In-cluster address')).toHaveText(address);
  await expect(fact(page, 'Port forward')).toHaveText(
    `kubectl port-forward -n ${ns} svc/${release} 5432:5432`,
  );
  await expect(
    page.getByRole('button', { name: 'Copy In-cluster address' }),
  ).toBeVisible();

  // The owner reveals the password; nothing of it was on the page before.
  await expect(page.getByText(password)).toHaveCount(0);
  await page.getByRole('button', { name: 'Reveal credentials' }).click();
  const credentials = page.getByRole('region', { name: 'Credentials' });
  await expect(credentials).toContainText('Admin Password');
  await expect(credentials).toContainText(password);
  await screenshot(page, 'connect-database');
  // Every rule of the shared audit, at any impact, on the revealed card.
  const violations = (await axeViolations(page, '[role="tabpanel"]')).map(
    v => `${v.id} (${v.impact}): ${v.help}`,
  );
  expect(violations).toEqual([]);
  await page.getByRole('button', { name: 'Hide credentials' }).click();
  await expect(page.getByText(password)).toHaveCount(0);
});
