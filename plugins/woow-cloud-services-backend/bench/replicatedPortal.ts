// The scale benchmark's replicated portal: `replicas` helm-operator processes
// (packages/operator, started as scripts/operatorApart.mjs starts it, with
// one API key) behind one round-robin proxy, and `replicas` backend processes
// (bench/backendReplica.ts) on one PostgreSQL database, all calling the
// operators through that proxy.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// scripts/ is not a workspace package: its modules are imported by path.
/* eslint-disable @backstage/no-relative-monorepo-imports */
import { freePort } from '../../../scripts/lib.mjs';
import {
  operatorKubeconfig,
  startOperatorProcess,
} from '../../../scripts/operatorProcess.mjs';
/* eslint-enable @backstage/no-relative-monorepo-imports */
import type { ReplicaSettings } from './backendReplica';
import { processRssMiB } from './processRss';
import { startRoundRobinProxy } from './roundRobinProxy';

export interface PortalProcess {
  name: string;
  pid: number;
  /** Where a backend listens (the API clients' base URL); operators: none. */
  url?: string;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Gone already.
  }
}

async function startBackendReplica(settings: ReplicaSettings, logFile: string) {
  const log = fs.openSync(logFile, 'a');
  const child = fork(path.join(__dirname, 'backendReplica.ts'), [], {
    execArgv: ['--require', '@backstage/cli/config/nodeTransform.cjs'],
    env: {
      ...process.env,
      WOOW_BENCH_REPLICA_CONFIG: JSON.stringify(settings),
    },
    detached: true,
    stdio: ['ignore', log, log, 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    // Other modules may use the channel too (the transform's loader does).
    child.on('message', (m: any) => {
      if (m?.woowBenchReplicaPort) resolve(m.woowBenchReplicaPort);
    });
    child.once('exit', code =>
      reject(new Error(`a backend replica exited (${code}) before it was up`)),
    );
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/**
 * Starts the replicated portal. `config(operatorBaseUrl, apiKey)` gives a
 * backend's app config; `localChartsDir` is the operators' `local:` charts.
 */
export async function startReplicatedPortal(options: {
  replicas: number;
  databaseUrl: string;
  localChartsDir: string;
  /** Where each process's log goes (operator-N.log, backend-N.log). */
  logDir: string;
  config: (operatorBaseUrl: string, apiKey: string) => Record<string, unknown>;
}) {
  const env = process.env as Record<string, string>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'woow-bench-operators-'));
  const kubeconfig = operatorKubeconfig(env, dir);
  const apiKey = randomBytes(24).toString('hex');
  const operators: Array<{ child: ChildProcess; stop: () => Promise<void> }> =
    [];
  const backends: Array<{ child: ChildProcess; url: string }> = [];
  let proxy: { port: number; stop: () => Promise<void> } | undefined;
  const stop = async () => {
    for (const b of backends) killGroup(b.child, 'SIGKILL');
    await Promise.all(operators.map(o => o.stop()));
    await proxy?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < options.replicas; i++) {
      const port = await freePort();
      ports.push(port);
      operators.push(
        await startOperatorProcess(env, {
          port,
          kubeconfig,
          apiKey,
          localChartsDir: options.localChartsDir,
          // One plain Node process each: killed and measured by its pid.
          watch: false,
          logFile: path.join(options.logDir, `operator-${i + 1}.log`),
        }),
      );
    }
    proxy = await startRoundRobinProxy(ports);
    const operatorBaseUrl = `http://127.0.0.1:${proxy.port}/api/helm-operator`;
    for (let i = 0; i < options.replicas; i++) {
      backends.push(
        await startBackendReplica(
          {
            databaseUrl: options.databaseUrl,
            config: options.config(operatorBaseUrl, apiKey),
          },
          path.join(options.logDir, `backend-${i + 1}.log`),
        ),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const processes = (): PortalProcess[] => [
    ...backends.map((b, i) => ({
      name: `backend ${i + 1}`,
      pid: b.child.pid!,
      url: b.url,
    })),
    ...operators.map((o, i) => ({
      name: `operator ${i + 1}`,
      pid: o.child.pid!,
    })),
  ];
  return {
    processes,
    /** SIGKILL of the first backend and the first operator. */
    killOneOfEach: () => {
      killGroup(backends[0].child, 'SIGKILL');
      killGroup(operators[0].child, 'SIGKILL');
    },
    rss: () =>
      processes().map(p => ({ name: p.name, mib: processRssMiB(p.pid) })),
    stop,
  };
}

export type ReplicatedPortal = Awaited<
  ReturnType<typeof startReplicatedPortal>
>;
