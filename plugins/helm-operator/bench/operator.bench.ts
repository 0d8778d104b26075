// `npm run bench -- operator`: the operator's HTTP API against the raw helm
// CLI, in the same run on the same cluster (tools/testenv), for install,
// upgrade, history and status. Prints medians and operator/helm ratios:
// machines here are shared and noisy, absolute times mean little.
//
// Env: KUBECONFIG and WOOW_HELM4 (or WOOW_HELM3 with BENCH_HELM=3) from the
// test environment, which scripts/bench.mjs brings up; BENCH_ITERATIONS
// (default 10, at least 10).
import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import execa from 'execa';
import express from 'express';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { readOperatorOptions } from '../src/config';
import { operatorConfig } from '../src/__testUtils__/testenv';
import { createKubeClients } from '../src/kube/KubeClients';
import { createRouter } from '../src/service/router';
import { startOperator } from '../src/startup';

const OPERATIONS = ['install', 'upgrade', 'history', 'status'] as const;
type Operation = (typeof OPERATIONS)[number];

const quietLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

// The benchmark measures the operator's own work; authentication is Backstage's.
const anyService = {
  credentials: async () => ({
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'bench' },
  }),
} as unknown as HttpAuthService;

// Audit events are Backstage's auditor's job: dropped here.
const noAudit = {
  createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
} as unknown as AuditorService;

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run \`npm run bench -- operator\` (it brings tools/testenv up)`,
    );
  }
  return value;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main() {
  const kubeconfig = required('KUBECONFIG');
  const helm =
    process.env.BENCH_HELM === '3'
      ? required('WOOW_HELM3')
      : required('WOOW_HELM4');
  const iterations = Math.max(10, Number(process.env.BENCH_ITERATIONS ?? 10));
  const charts =
    process.env.WOOW_FIXTURE_CHARTS ??
    path.resolve(__dirname, '../../../test-fixtures/charts');
  const chartDir = path.join(charts, 'woow-fixture-app');

  const options = readOperatorOptions(
    new ConfigReader(
      operatorConfig({
        helmBinary: helm,
        localChartsDir: charts,
        kubernetes: { kubeconfigPath: kubeconfig },
      }),
    ),
  );
  const operator = await startOperator(options, quietLogger);
  const app = express().use(
    '/api/helm-operator',
    await createRouter({
      httpAuth: anyService,
      auditor: noAudit,
      logger: quietLogger,
      ...operator,
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(r => server.once('listening', r));
  const baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/helm-operator`;
  const call = async (method: string, p: string, body?: object) => {
    const res = await fetch(`${baseUrl}${p}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    if (!res.ok)
      throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  const id = `${Date.now().toString(36).slice(-5)}`;
  const opWs = `bench${id}op`;
  const rawWs = `bench${id}raw`;
  const opNs = `paas-ws-${opWs}`;
  const rawNs = `paas-ws-${rawWs}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-bench-'));
  const values = (n: number) => ({
    replicaCount: 1,
    env: { ITERATION: String(n) },
  });
  const rawValues = (n: number) => {
    const file = path.join(tmp, `values-${n}.yaml`);
    fs.writeFileSync(file, stringify(values(n)));
    return file;
  };
  const raw = (args: string[]) =>
    execa(helm, args, { env: { KUBECONFIG: kubeconfig } });

  const samples: Record<Operation, { operator: number[]; helm: number[] }> = {
    install: { operator: [], helm: [] },
    upgrade: { operator: [], helm: [] },
    history: { operator: [], helm: [] },
    status: { operator: [], helm: [] },
  };
  try {
    await call('POST', '/namespaces', { workspaceId: opWs });
    await call('POST', '/namespaces', { workspaceId: rawWs });
    for (let i = 0; i < iterations; i++) {
      const opRel = `${opNs}-app${i}`;
      const rawRel = `${rawNs}-app${i}`;
      const pairs: Record<
        Operation,
        [() => Promise<unknown>, () => Promise<unknown>]
      > = {
        install: [
          () =>
            call('POST', '/releases', {
              namespace: opNs,
              releaseName: opRel,
              chart: { localName: 'woow-fixture-app' },
              values: values(0),
            }),
          () =>
            raw([
              'install',
              rawRel,
              chartDir,
              '-n',
              rawNs,
              '-f',
              rawValues(0),
              '-o',
              'json',
            ]),
        ],
        upgrade: [
          () =>
            call('PATCH', `/releases/${opNs}/${opRel}`, { values: values(1) }),
          () =>
            raw([
              'upgrade',
              rawRel,
              chartDir,
              '-n',
              rawNs,
              '-f',
              rawValues(1),
              '--reset-values',
              '--history-max=10',
              '-o',
              'json',
            ]),
        ],
        history: [
          () => call('GET', `/releases/${opNs}/${opRel}/revisions`),
          () => raw(['history', rawRel, '-n', rawNs, '-o', 'json']),
        ],
        status: [
          () => call('GET', `/releases/${opNs}/${opRel}/status`),
          () => raw(['status', rawRel, '-n', rawNs, '-o', 'json']),
        ],
      };
      for (const op of OPERATIONS) {
        // Alternate who goes first: neither side always gets the warm cache.
        const [opFn, helmFn] = pairs[op];
        if (i % 2 === 0) {
          samples[op].operator.push(await timed(opFn));
          samples[op].helm.push(await timed(helmFn));
        } else {
          samples[op].helm.push(await timed(helmFn));
          samples[op].operator.push(await timed(opFn));
        }
      }
    }
  } finally {
    server.close();
    // The watch caches would keep the process alive.
    operator.informers.stop();
    operator.manifestChecks?.close();
    const kube = createKubeClients({ kubeconfigPath: kubeconfig });
    await Promise.all(
      [opNs, rawNs].map(name =>
        kube.core.deleteNamespace({ name }).catch(() => undefined),
      ),
    );
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const { stdout: version } = await raw(['version', '--short']);
  console.log(
    `\nhelm-operator vs raw helm (${version.trim()}), median of ${iterations} runs each\n`,
  );
  console.log(
    '| operation | operator (ms) | raw helm (ms) | operator / helm |',
  );
  console.log('| --- | ---: | ---: | ---: |');
  for (const op of OPERATIONS) {
    const o = median(samples[op].operator);
    const h = median(samples[op].helm);
    console.log(
      `| ${op} | ${o.toFixed(0)} | ${h.toFixed(0)} | ${(o / h).toFixed(2)} |`,
    );
  }
}

main().catch(error => {
  console.error(`operator bench failed: ${error.message}`);
  process.exit(1);
});
