// The portal the scale benchmark measures: one backend with this plugin and
// the operator in one process (the default), or the replicated portal
// (--replicas N: N backend and N operator processes, one of each killed
// mid-run). Either way, API clients of the live backends.
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import { woowCloudServicesPlugin } from '../src/plugin';
import { apiAs, type ApiClient } from '../src/__testUtils__/apiClient';
import { processRssMiB } from './processRss';
import { startReplicatedPortal } from './replicatedPortal';

const OWNER = 'user:default/bench-owner';
/** The replicated run's operator logs (kept for a look after the run). */
const LOG_DIR = path.resolve(__dirname, '../../../artifacts/bench-scale');

export interface BenchPortal {
  /** API clients of the live backends. */
  live(): ApiClient[];
  /** Mid-run: SIGKILL of one backend and one operator (replicated only). */
  killOneOfEach?(): string;
  /** RSS of each process, one line each. */
  rssLines(): string[];
  stop(): Promise<void>;
}

const mib = (value: number | undefined) =>
  value === undefined ? 'gone' : `${value.toFixed(0)} MiB`;

/** One backend, plugin and operator in this process, on `knex`. */
export async function startSinglePortal(
  knex: Knex,
  config: JsonObject,
): Promise<BenchPortal> {
  const backend = await startTestBackend({
    features: [
      woowCloudServicesPlugin,
      helmOperatorPlugin,
      // The real scheduler: the reconciler runs on its own, as in a portal.
      schedulerServiceFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  const client = apiAs(backend.server, OWNER);
  return {
    live: () => [client],
    rssLines: () => [
      `backend (this plugin and the operator in one process, so no separate operator figure): ${mib(
        processRssMiB(process.pid),
      )}`,
    ],
    stop: () => backend.stop(),
  };
}

/** `replicas` backends on `databaseUrl` and as many operators (see replicatedPortal.ts). */
export async function startReplicas(
  replicas: number,
  databaseUrl: string,
  localChartsDir: string,
  config: (operator: JsonObject) => JsonObject,
): Promise<BenchPortal> {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const portal = await startReplicatedPortal({
    replicas,
    databaseUrl,
    localChartsDir,
    logDir: LOG_DIR,
    config: (baseUrl, apiKey) => config({ baseUrl, apiKey }),
  });
  const killed = new Set<string>();
  return {
    live: () =>
      portal
        .processes()
        .filter(p => p.url && !killed.has(p.name))
        .map(p => apiAs(p.url!, OWNER)),
    killOneOfEach: () => {
      portal.killOneOfEach();
      killed.add('backend 1');
      return 'backend 1 and operator 1';
    },
    rssLines: () => portal.rss().map(p => `${p.name}: ${mib(p.mib)}`),
    stop: portal.stop,
  };
}

function connectionLost(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(code ?? '') ||
    /socket hang up/.test(message ?? '')
  );
}

/**
 * Runs `call` against the `n`-th live backend (clients spread round-robin);
 * where the connection is lost (a killed backend), against the next live one.
 * `retried` is true on such a repeat.
 */
export async function onLiveBackend<T>(
  portal: BenchPortal,
  n: number,
  call: (client: ApiClient, retried: boolean) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const clients = portal.live();
    try {
      return await call(clients[(n + attempt) % clients.length], attempt > 0);
    } catch (error) {
      if (attempt >= 5 || !connectionLost(error)) throw error;
      await new Promise(r => setTimeout(r, 500));
    }
  }
}
