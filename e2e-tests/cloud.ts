import {
  expect,
  type APIRequestContext,
  type Locator,
  type Page,
} from '@playwright/test';

/**
 * Shared steps of the Cloud Services end-to-end specs: the backend API (for
 * set-up and tidying up only; what is tested goes through the UI) and the
 * UI steps several flows repeat.
 */

export const FIXTURE_APP = 'Woow Fixture App';
const API = '/api/woow-cloud-services';

/** A short id unique to this run, for names, subdomains and workspaces. */
export function runId(): string {
  return `${Date.now().toString(36).slice(-5)}${Math.random()
    .toString(36)
    .slice(2, 4)}`;
}

export async function guestToken(request: APIRequestContext): Promise<string> {
  const refresh = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.ok()).toBe(true);
  return (await refresh.json()).backstageIdentity.token;
}

export interface ServiceRow {
  id: string;
  name: string;
  state: string;
  version: number;
  helmRevision: number;
  helmNamespace: string;
  helmReleaseName: string;
  internalPort: number;
}

/** The backend API as the guest user. */
export async function cloudApi(request: APIRequestContext) {
  const headers = { Authorization: `Bearer ${await guestToken(request)}` };
  const api = {
    get: (p: string) => request.get(`${API}${p}`, { headers }),
    post: (p: string, data: object) =>
      request.post(`${API}${p}`, { headers, data }),
    patch: (p: string, data: object) =>
      request.patch(`${API}${p}`, { headers, data }),
    del: (p: string) => request.delete(`${API}${p}`, { headers }),
    async services(workspaceId: string): Promise<ServiceRow[]> {
      const res = await api.get(`/workspaces/${workspaceId}/services`);
      expect(res.ok()).toBe(true);
      return (await res.json()).items;
    },
    /** A member's role as the backend has it (undefined: not a member). */
    async memberRole(workspaceId: string, userRef: string) {
      const res = await api.get(`/workspaces/${workspaceId}/members`);
      expect(res.ok()).toBe(true);
      const items: { userRef: string; role: string }[] = (await res.json())
        .items;
      return items.find(m => m.userRef === userRef)?.role;
    },
    /** Deletes what a spec left behind (volumes too); ignores what is already going. */
    async deleteAllServices(workspaceId: string) {
      for (const s of await api.services(workspaceId)) {
        if (s.state === 'deleting') continue;
        await api.del(
          `/workspaces/${workspaceId}/services/${s.id}?deleteData=true&version=${s.version}`,
        );
      }
    },
  };
  return api;
}

/** The cards of a page (marketplace apps, services); Backstage's Content is an unlabelled <article> too. */
export function cards(page: Page) {
  return page.locator('article[aria-label]');
}

/** The status badge in a service page's header or on a dashboard card. */
export function statusBadge(scope: Page | Locator, label: string) {
  return scope.getByRole('status', { name: `Status: ${label}` });
}

/** One fact of a `<dl>` on the service pages, e.g. "Revision". */
export function fact(page: Page, term: string) {
  return page
    .getByRole('group', { name: term, exact: true })
    .getByRole('definition');
}

/** Waits (generously) until the service page's badge says Running. */
export async function expectRunning(page: Page) {
  await expect(statusBadge(page, 'Running')).toBeVisible({ timeout: 240_000 });
}

/** From the marketplace, opens the fixture app's configuration page. */
export async function openFixtureConfiguration(page: Page) {
  await page
    .getByRole('textbox', { name: 'Search applications' })
    .fill('fixture');
  await page.getByRole('button', { name: `Configure ${FIXTURE_APP}` }).click();
  await expect(
    page.getByRole('heading', { name: `Configure ${FIXTURE_APP}` }),
  ).toBeVisible();
}

/** Fills the configuration form and waits for the live availability check. */
export async function fillLaunchForm(
  page: Page,
  input: { name: string; subdomain: string; password: string },
) {
  await page
    .getByRole('textbox', { name: 'Application name' })
    .fill(input.name);
  await page.getByRole('textbox', { name: 'Subdomain' }).fill(input.subdomain);
  await expect(
    page.getByText(new RegExp(`^${input.subdomain}\\..+ is available$`)),
  ).toBeVisible();
  await page.getByLabel('App Password', { exact: true }).fill(input.password);
}

/** Launches and lands on the new service's page; returns its id from the URL. */
export async function launch(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Launch Application' }).click();
  await expect(page).toHaveURL(
    /\/services\/(?!new|marketplace|configure)[^/?]+/,
  );
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** Opens one of the service page's tabs. */
export async function openTab(page: Page, tab: string) {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await expect(
    page.getByRole('tab', { name: tab, exact: true }),
  ).toHaveAttribute('aria-selected', 'true');
}
