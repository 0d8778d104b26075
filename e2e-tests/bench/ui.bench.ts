/*
 * `npm run bench -- ui`: time to visible cards of the marketplace page, next
 * to Backstage's own catalog index page measured the same way in the same
 * run (20 loads each, p50 and p95, and their ratio). Starts the portal on
 * the e2e port unless one is already answering there.
 */
import { chromium, type Page } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const LOADS = 20;
const baseURL = process.env.WOOW_BENCH_URL ?? 'http://127.0.0.1:7017';
const repoRoot = path.resolve(__dirname, '../..');

async function ready(): Promise<boolean> {
  try {
    return (await fetch(`${baseURL}/.backstage/health/v1/readiness`)).ok;
  } catch {
    return false;
  }
}

async function startPortal(): Promise<ChildProcess | undefined> {
  if (await ready()) return undefined;
  const child = spawn('node', ['scripts/start.mjs'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      WOOW_URL: baseURL,
      APP_CONFIG_app_baseUrl: baseURL,
      APP_CONFIG_backend_baseUrl: baseURL,
      APP_CONFIG_backend_listen_port: new URL(baseURL).port,
      APP_CONFIG_backend_cors_origin: baseURL,
    },
    detached: true,
  });
  while (!(await ready())) await new Promise(r => setTimeout(r, 500));
  return child;
}

async function guestToken(): Promise<string> {
  const res = await fetch(`${baseURL}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await res.json()).backstageIdentity.token;
}

async function benchWorkspace(token: string): Promise<string> {
  const res = await fetch(`${baseURL}/api/woow-cloud-services/workspaces`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ name: `Bench ${Date.now()}` }),
  });
  if (!res.ok)
    throw new Error(
      `creating the bench workspace failed: ${res.status} ${await res.text()}`,
    );
  return (await res.json()).id;
}

/** Milliseconds from navigation start until `visible` resolves, for each load. */
async function measure(
  page: Page,
  url: string,
  visible: (p: Page) => Promise<void>,
) {
  const times: number[] = [];
  for (let i = 0; i < LOADS + 1; i++) {
    await page.goto('about:blank');
    const started = performance.now();
    await page.goto(`${baseURL}${url}`);
    await visible(page);
    // The first load warms caches (bundle chunks); it is not counted.
    if (i > 0) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const portal = await startPortal();
  const browser = await chromium.launch({
    executablePath: process.env.WOOW_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const workspaceId = await benchWorkspace(await guestToken());
    const page = await browser.newPage();
    await page.goto(baseURL);
    // Sign in as guest: wait for the sign-in page or the signed-in app
    // (isVisible does not wait, so a slow first render skipped the sign-in).
    const enter = page.getByRole('button', { name: 'Enter' });
    const home = page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true });
    await enter.or(home).first().waitFor({ state: 'visible', timeout: 60_000 });
    if (await enter.isVisible()) await enter.click();
    await home.waitFor({ state: 'visible' });

    const marketplace = await measure(
      page,
      `/cloud-services/workspaces/${workspaceId}/services/marketplace`,
      p =>
        p
          .getByRole('button', { name: /^Configure / })
          .first()
          .waitFor({ state: 'visible' }),
    );
    // This app mounts the catalog index at `/` (`/catalog` is a 404 here).
    const catalog = await measure(page, '/', p =>
      p
        .getByRole('link', { name: 'Woow Cloud Services portal' })
        .first()
        .waitFor({ state: 'visible' }),
    );

    const row = (name: string, t: number[]) =>
      `${name.padEnd(34)} ${pct(t, 50).toFixed(0).padStart(8)} ${pct(t, 95)
        .toFixed(0)
        .padStart(8)}`;
    console.log(`\nTime to visible cards/rows, ${LOADS} loads each (ms)`);
    console.log(
      `${'page'.padEnd(34)} ${'p50'.padStart(8)} ${'p95'.padStart(8)}`,
    );
    console.log(row('marketplace (Woow Cloud Services)', marketplace));
    console.log(row('catalog index (Backstage baseline)', catalog));
    console.log(
      `ratio marketplace/catalog: p50 ${(
        pct(marketplace, 50) / pct(catalog, 50)
      ).toFixed(2)}, p95 ${(pct(marketplace, 95) / pct(catalog, 95)).toFixed(
        2,
      )}`,
    );
  } finally {
    await browser.close();
    if (portal?.pid) process.kill(-portal.pid, 'SIGTERM');
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
