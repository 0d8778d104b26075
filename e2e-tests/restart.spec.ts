import { expect, request as apiRequest, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { screenshot, signInAsGuest } from './helpers';
import { cloudApi, expectRunning, fact, runId, type ServiceRow } from './cloud';

/**
 * Nothing is lost on restart: a portal of its own (its own port and data
 * directory, the same sandbox cluster), a deploy, the portal stopped and
 * started again; the service is still there and manageable (upgrade,
 * rollback, delete), in the browser and through the API. Once on the
 * embedded SQLite (`npm start`'s default) and once on PostgreSQL
 * (app-config.postgres.yaml, the test environment's server, databases of
 * this run's own prefix).
 */

type Database = 'sqlite' | 'postgres';

const port = Number(process.env.WOOW_E2E_RESTART_PORT ?? 7027);
const baseURL = `http://127.0.0.1:${port}`;
const repoRoot = path.resolve(__dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'woow-e2e-restart-'));

/** The test environment's PostgreSQL, as app-config.postgres.yaml reads it. */
function postgresEnv(prefix: string): Record<string, string> {
  const need = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run under npm test`);
    return value;
  };
  return {
    WOOW_CONFIG: 'app-config.yaml,app-config.postgres.yaml',
    POSTGRES_HOST: need('WOOW_PG_HOST'),
    POSTGRES_PORT: need('WOOW_PG_PORT'),
    POSTGRES_USER: need('WOOW_PG_USER'),
    POSTGRES_PASSWORD: need('WOOW_PG_PASSWORD'),
    POSTGRES_DATABASE_PREFIX: prefix,
  };
}

/** A session on the test environment's PostgreSQL server. */
async function postgres<T>(
  work: (db: Knex) => Promise<T>,
  database = process.env.WOOW_PG_DATABASE,
): Promise<T> {
  const db = knexFactory({
    client: 'pg',
    connection: {
      host: process.env.WOOW_PG_HOST,
      port: Number(process.env.WOOW_PG_PORT),
      user: process.env.WOOW_PG_USER,
      password: process.env.WOOW_PG_PASSWORD,
      database,
    },
  });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** The databases the portal made with this prefix (one per plugin). */
async function databasesWithPrefix(prefix: string): Promise<string[]> {
  const rows: Array<{ datname: string }> = await postgres(db =>
    db('pg_database')
      .select('datname')
      .whereRaw('starts_with(datname, ?)', [prefix])
      .orderBy('datname'),
  );
  return rows.map(row => row.datname);
}

async function dropDatabases(prefix: string): Promise<void> {
  for (const name of await databasesWithPrefix(prefix)) {
    await postgres(db =>
      db.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]),
    );
  }
}

let portal: ChildProcess | undefined;

async function startPortal(databaseEnv: Record<string, string>): Promise<void> {
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
      ...databaseEnv,
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

const runsOnPostgres: string[] = [];

test.afterAll(async () => {
  await stopPortal();
  rmSync(dataDir, { recursive: true, force: true });
  for (const prefix of runsOnPostgres) await dropDatabases(prefix);
});

for (const database of ['sqlite', 'postgres'] as Database[]) {
  test(`a deployed service survives a portal restart and stays manageable (${database})`, async ({
    browser,
  }) => {
    test.setTimeout(900_000);
    const run = runId();
    const workspaceId = `e2e-rs-${database === 'sqlite' ? 's' : 'p'}-${run}`;
    const prefix = `woow_e2e_restart_${run.replace(/\W/g, '_')}_`;
    let databaseEnv: Record<string, string> = {};
    if (database === 'postgres') {
      runsOnPostgres.push(prefix);
      databaseEnv = postgresEnv(prefix);
    }
    await startPortal(databaseEnv);
    const request = await apiRequest.newContext({ baseURL });
    let api = await cloudApi(request);

    expect(
      (
        await api.post('/workspaces', {
          id: workspaceId,
          name: `E2E restart ${database} ${run}`,
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
    /** Waits until the service is in `state@revision`. */
    const settlesAt = (expected: string) =>
      expect
        .poll(
          async () => {
            const s = await service();
            return `${s.state}@${s.helmRevision}`;
          },
          { timeout: 240_000 },
        )
        .toBe(expected);
    await expect
      .poll(async () => (await service()).state, { timeout: 240_000 })
      .toBe('running');

    if (database === 'postgres') {
      // The record really is in PostgreSQL, in the plugin's own database.
      const rows = await postgres(
        db =>
          db('cloud_services').select('id', 'name').where({ id: serviceId }),
        `${prefix}woow-cloud-services`,
      );
      expect(rows).toEqual([{ id: serviceId, name: `Survivor ${run}` }]);
    }

    // Stop the portal and start it again on the same data.
    await stopPortal();
    await startPortal(databaseEnv);
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
    await screenshot(page, `restart-service-after-restart-${database}`);

    // Manageable after the restart: upgrade, roll back, delete.
    const before = await service();
    const upgrade = await api.patch(base, {
      helmValues: { replicaCount: 2 },
      version: before.version,
    });
    expect(upgrade.status()).toBe(200);
    await settlesAt('running@2');
    await page.reload();
    await expect(fact(page, 'Revision')).toHaveText(/^2\b/);

    const upgraded = await service();
    const rollback = await api.post(`${base}/rollback`, {
      revision: 1,
      version: upgraded.version,
    });
    expect(rollback.status()).toBe(200);
    await settlesAt('running@3');

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
    await stopPortal();
  });
}
