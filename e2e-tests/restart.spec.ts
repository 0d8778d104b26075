import { expect, request as apiRequest, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { screenshot, signInAsGuest } from './helpers';
import { cloudApi, expectRunning, fact, runId, type ServiceRow } from './cloud';

/**
 * Nothing is lost on restart: a portal of its own (its own port and data
 * directory, the same sandbox cluster), a deploy, the portal stopped and
 * started again; the service is still there and manageable (upgrade,
 * rollback, delete), in the browser and through the API.
 */

const port = Number(process.env.WOOW_E2E_RESTART_PORT ?? 7027);
const baseURL = `http://127.0.0.1:${port}`;
const repoRoot = path.resolve(__dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'woow-e2e-restart-'));

let portal: ChildProcess | undefined;

async function startPortal(): Promise<void> {
  portal = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    stdio: 'ignore',
    // Its own process group, stopped as a whole (start.mjs, npx,
    // backstage-cli and the backend), as Ctrl-C stops `npm start`.
    detached: true,
    env: {
      ...process.env,
      WOOW_URL: baseURL,
      WOOW_DATA_DIR: dataDir,
      APP_CONFIG_app_baseUrl: baseURL,
      APP_CONFIG_backend_baseUrl: baseURL,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_cors_origin: baseURL,
    },
  });
  const started = portal;
  await expect
    .poll(
      async () => {
        if (started.exitCode !== null) return `exited ${started.exitCode}`;
        try {
          const res = await fetch(`${baseURL}/.backstage/health/v1/readiness`);
          return res.ok ? 'ready' : `status ${res.status}`;
        } catch {
          return 'not listening';
        }
      },
      { timeout: 300_000, intervals: [1000] },
    )
    .toBe('ready');
}

async function stopPortal(): Promise<void> {
  const running = portal;
  portal = undefined;
  if (!running || running.exitCode !== null) return;
  const exited = new Promise(resolve => running.once('exit', resolve));
  process.kill(-running.pid!, 'SIGTERM');
  await exited;
  // The port is free again once the backend is gone.
  await expect
    .poll(
      async () =>
        fetch(`${baseURL}/.backstage/health/v1/liveness`).then(
          () => 'listening',
          () => 'stopped',
        ),
      { timeout: 60_000 },
    )
    .toBe('stopped');
}

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await stopPortal();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a deployed service survives a portal restart and stays manageable', async ({
  browser,
}) => {
  test.setTimeout(900_000);
  const run = runId();
  const workspaceId = `e2e-rs-${run}`;
  await startPortal();
  const request = await apiRequest.newContext({ baseURL });
  let api = await cloudApi(request);

  expect(
    (
      await api.post('/workspaces', {
        id: workspaceId,
        name: `E2E restart ${run}`,
      })
    ).status(),
  ).toBe(201);
  const created = await api.post(`/workspaces/${workspaceId}/services`, {
    templateId: 'woow-fixture-app',
    name: `Survivor ${run}`,
    subdomain: `e2e-rs-${run}`,
    helmValues: { password: `pw-${run}-restart` },
  });
  expect(created.status()).toBe(201);
  const serviceId: string = (await created.json()).id;
  const base = `/workspaces/${workspaceId}/services/${serviceId}`;
  const service = async (): Promise<ServiceRow> =>
    (await (await api.get(base)).json()) as ServiceRow;
  await expect
    .poll(async () => (await service()).state, { timeout: 240_000 })
    .toBe('running');

  // Stop the portal and start it again on the same data directory.
  await stopPortal();
  await startPortal();
  await request.dispose();
  const again = await apiRequest.newContext({ baseURL });
  api = await cloudApi(again);

  const page = await browser.newPage({ baseURL });
  await signInAsGuest(page, `/cloud-services/workspaces/${workspaceId}`);
  await page.getByRole('link', { name: `Open Survivor ${run}` }).click();
  await expect(
    page.getByRole('heading', { name: `Survivor ${run}`, exact: true }),
  ).toBeVisible();
  await expectRunning(page);
  await expect(fact(page, 'Revision')).toHaveText(/^1\b/);
  await screenshot(page, 'restart-service-after-restart');

  // Manageable after the restart: upgrade, roll back, delete.
  const before = await service();
  const upgrade = await api.patch(base, {
    helmValues: { replicaCount: 2 },
    version: before.version,
  });
  expect(upgrade.status()).toBe(200);
  await expect
    .poll(
      async () => {
        const s = await service();
        return `${s.state}@${s.helmRevision}`;
      },
      { timeout: 240_000 },
    )
    .toBe('running@2');
  await page.reload();
  await expect(fact(page, 'Revision')).toHaveText(/^2\b/);

  const upgraded = await service();
  const rollback = await api.post(`${base}/rollback`, {
    revision: 1,
    version: upgraded.version,
  });
  expect(rollback.status()).toBe(200);
  await expect
    .poll(
      async () => {
        const s = await service();
        return `${s.state}@${s.helmRevision}`;
      },
      { timeout: 240_000 },
    )
    .toBe('running@3');

  const rolledBack = await service();
  const removed = await api.del(
    `${base}?deleteData=true&version=${rolledBack.version}`,
  );
  expect(removed.status()).toBeLessThan(300);
  await expect
    .poll(async () => (await api.get(base)).status(), { timeout: 240_000 })
    .toBe(404);
  await page.close();
  await again.dispose();
});
