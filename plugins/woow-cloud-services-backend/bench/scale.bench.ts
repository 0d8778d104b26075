// `npm run bench -- scale [--workspaces W] [--services S] [--concurrency C]
// [--replicas R]`: the whole portal (this plugin and the helm-operator in one
// backend; with R > 1, R backend and R operator processes, one of each killed
// mid-run, see benchPortal.ts; on the test environment's PostgreSQL and kwok
// cluster) with W workspaces and S
// services of the fixture chart created through the backend API; prints
// time to all running and deploys/s next to raw `helm install` of as many
// releases at the same concurrency, status and revisions p50/p99 at 20
// concurrent clients, the list of the largest workspace, helm processes
// started per minute and kube-apiserver requests/s at steady state, and the
// RSS of each process. Defaults W=500 S=2500 (issue 13); run smaller on a shared
// machine. The API server is shared with whatever else runs on the test
// environment: its request rate is of the whole server.
import { execFile } from 'node:child_process';
import knexFactory from 'knex';
import { promisify } from 'node:util';
import { portalConfig } from '../src/__testUtils__/portalConfig';
import { apiserverRequests } from './apiserverMetrics';
import { flag, required } from './benchEnv';
import {
  onLiveBackend,
  startReplicas,
  startSinglePortal,
  type BenchPortal,
} from './benchPortal';
import { addBenchNodes } from './benchNodes';
import { helmProcessCounter } from './helmProcesses';
import { percentile, runLimited, secondsSince } from './measure';
import { lostRecords, releaseProblems } from './replicaChecks';

const run = promisify(execFile);

async function main() {
  const workspaces = flag('workspaces', 500);
  const services = flag('services', 2500);
  const concurrency = flag('concurrency', 8);
  const replicas = flag('replicas', 1);
  const helm = required('WOOW_HELM4');
  const charts = required('WOOW_FIXTURE_CHARTS');
  const id = Date.now().toString(36).slice(-5);
  const log = (line: string) => console.log(`[scale] ${line}`);

  const admin = knexFactory({
    client: 'pg',
    connection: required('WOOW_PG_URL'),
  });
  const database = `bench_scale_${id}`;
  await admin.raw(`CREATE DATABASE ${database}`);
  const url = new URL(required('WOOW_PG_URL'));
  url.pathname = `/${database}`;
  const knex = knexFactory({ client: 'pg', connection: url.toString() });

  // The first workspace holds the dashboard's 50 services (issue 13), or as
  // many as there are; the others share the rest evenly.
  const largest = Math.min(50, services);
  const perWorkspace = Math.max(
    largest,
    Math.ceil((services - largest) / Math.max(1, workspaces - 1)),
  );
  const woowCloudServices = {
    // A throwaway database: the public development key is enough.
    secrets: { useDevelopmentKey: true },
    // Settled services are checked when the operator reports a change
    // (healthCheckSeconds keeps its default, a safety net).
    reconciler: { frequencySeconds: 1 },
    limits: {
      workspacesPerUser: workspaces,
      servicesPerWorkspace: perWorkspace,
    },
  };
  const portal: BenchPortal =
    replicas === 1
      ? await startSinglePortal(
          knex,
          portalConfig({
            woowCloudServices,
            helmOperator: { helmBinary: helm, localChartsDir: charts },
          }),
        )
      : await startReplicas(replicas, url.toString(), charts, operator =>
          portalConfig({
            woowCloudServices: { ...woowCloudServices, operator },
          }),
        );
  const owner = () => portal.live()[0];
  const namespaces: string[] = [];
  const helmCount = helmProcessCounter();
  // Room for the services' pods and the raw releases' pods.
  const nodes = await addBenchNodes(
    required('WOOW_KUBECTL'),
    `bench-${id}`,
    2 * services,
  ).catch(async error => {
    await portal.stop();
    throw error;
  });
  try {
    // Workspaces, then services: the first workspace's 50, the rest evenly.
    const wsIds = Array.from({ length: workspaces }, (_, i) => `sc${id}w${i}`);
    await runLimited(wsIds, concurrency, async ws => {
      const res = await owner().post('/workspaces', { id: ws, name: ws });
      if (res.status !== 201) throw new Error(`workspace: ${res.status}`);
      namespaces.push(`paas-ws-${ws}`);
    });
    const planned = Array.from({ length: services }, (_, i) => ({
      ws:
        i < largest || workspaces === 1
          ? wsIds[0]
          : wsIds[1 + ((i - largest) % (workspaces - 1))],
      n: i,
    }));
    const created: Array<{ ws: string; id: string }> = [];
    const start = process.hrtime.bigint();
    let killed = '';
    await runLimited(planned, concurrency, async ({ ws, n }) => {
      const request = {
        templateId: 'woow-fixture-app',
        name: `Bench ${n}`,
        subdomain: `sc${id}-${n}`,
        helmValues: { password: 'bench-password-1!' },
      };
      const serviceId = await onLiveBackend(portal, n, async (api, retried) => {
        const res = await api.post(`/workspaces/${ws}/services`, request);
        if (res.status === 201) return String(res.body.id);
        // A create whose answer the killed backend never sent may have been
        // stored: its name is then taken, and the record is in the list.
        const stored = retried
          ? (await api.get(`/workspaces/${ws}/services`)).body.items.find(
              (s: { name: string }) => s.name === request.name,
            )
          : undefined;
        if (stored) return String(stored.id);
        throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
      });
      created.push({ ws, id: serviceId });
      if (portal.killOneOfEach && !killed && created.length >= services / 3) {
        killed = portal.killOneOfEach();
        log(`SIGKILL of ${killed} after ${created.length} creates`);
      }
    });
    // All running: the list of each workspace, until every service is.
    for (;;) {
      let running = 0;
      await runLimited(wsIds, concurrency, async ws => {
        const res = await owner().get(`/workspaces/${ws}/services`);
        for (const s of res.body.items) {
          if (s.state === 'error') throw new Error(`error: ${s.errorMessage}`);
          if (s.state === 'running') running += 1;
        }
      });
      if (running === services) break;
      // Only a hang: far beyond any run's time.
      if (secondsSince(start) > 600 + services * 30) {
        throw new Error(`hung: ${running} of ${services} running`);
      }
      await new Promise(r => setTimeout(r, 1000));
    }
    const portalSeconds = secondsSince(start);
    const replicaFindings = portal.killOneOfEach && [
      ...(await lostRecords(knex, owner(), created)).map(
        r => `record lost: ${r}`,
      ),
      ...(await releaseProblems(knex, `paas-ws-sc${id}w`)),
    ];
    // Said at once: the figures below come after minutes more.
    if (replicaFindings) {
      log(`killed mid-run: ${killed}`);
      log(
        replicaFindings.length === 0
          ? `after the kill: every service running, every record stored and listed, every release revision 1 deployed with its record, no lease left`
          : `after the kill, ${
              replicaFindings.length
            } problems:\n  ${replicaFindings.join('\n  ')}`,
      );
    }

    // Raw helm: as many installs, same concurrency, own namespaces.
    for (let w = 0; w < Math.min(workspaces, services); w++) {
      namespaces.push(`paas-ws-sc${id}raw${w}`);
    }
    const rawStart = process.hrtime.bigint();
    await runLimited(planned, concurrency, async ({ n }) => {
      const ns = `paas-ws-sc${id}raw${n % workspaces}`;
      await run(helm, [
        'install',
        `raw-${n}`,
        `${charts}/woow-fixture-app`,
        '-n',
        ns,
        '--create-namespace',
        '--set',
        'password=bench-password-1!',
        '--wait',
      ]);
    });
    const rawSeconds = secondsSince(rawStart);

    // Reads at 20 concurrent clients.
    const reads = async (suffix: string) => {
      const times: number[] = [];
      const targets = Array.from(
        { length: Math.max(200, services) },
        (_, i) => created[i % created.length],
      );
      let n = 0;
      await runLimited(targets, 20, async s => {
        const t = process.hrtime.bigint();
        const res = await portal
          .live()
          [n++ % portal.live().length].get(
            `/workspaces/${s.ws}/services/${s.id}${suffix}`,
          );
        if (res.status !== 200) {
          throw new Error(
            `${suffix}: ${res.status} ${res.body?.error?.message ?? ''}`,
          );
        }
        times.push(secondsSince(t) * 1000);
      });
      return times;
    };
    const status = await reads('/status');
    const revisions = await reads('/revisions');
    const listTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = process.hrtime.bigint();
      await owner().get(`/workspaces/${wsIds[0]}/services`);
      listTimes.push(secondsSince(t) * 1000);
    }

    // Steady state: nothing asked of the portal for a while.
    const steadySeconds = 60;
    helmCount.reset();
    const before = await apiserverRequests();
    await new Promise(r => setTimeout(r, steadySeconds * 1000));
    const after = await apiserverRequests();
    const helmStarted = helmCount.started();

    const ms = (xs: number[], p: number) => percentile(xs, p).toFixed(1);
    log(
      `workspaces ${workspaces}, services ${services}, concurrency ${concurrency}, replicas ${replicas}`,
    );
    log(
      `all running: ${portalSeconds.toFixed(1)} s, ${(
        services / portalSeconds
      ).toFixed(2)} deploys/s; raw helm install --wait: ${rawSeconds.toFixed(
        1,
      )} s, ${(services / rawSeconds).toFixed(2)}/s; ratio ${(
        portalSeconds / rawSeconds
      ).toFixed(2)}x`,
    );
    log(
      `GET .../status (20 clients): p50 ${ms(status, 50)} ms, p99 ${ms(
        status,
        99,
      )} ms`,
    );
    log(
      `GET .../revisions (20 clients): p50 ${ms(revisions, 50)} ms, p99 ${ms(
        revisions,
        99,
      )} ms`,
    );
    log(
      `dashboard list of a ${largest}-service workspace: p50 ${ms(
        listTimes,
        50,
      )} ms, p99 ${ms(listTimes, 99)} ms`,
    );
    log(
      `steady state (${steadySeconds} s): helm processes started ${(
        (helmStarted * 60) /
        steadySeconds
      ).toFixed(1)}/min; kube-apiserver ${(
        (after - before) /
        steadySeconds
      ).toFixed(1)} requests/s (whole server)`,
    );
    for (const line of portal.rssLines()) log(`RSS of ${line}`);
    if (replicaFindings?.length) throw new Error('the replicated run failed');
  } finally {
    helmCount.stop();
    await portal.stop();
    await nodes.remove().catch(() => {});
    await knex.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`).catch(() => {});
    await admin.destroy();
    await run(required('WOOW_KUBECTL'), [
      'delete',
      'namespace',
      '--wait=false',
      '--ignore-not-found',
      ...namespaces,
    ]).catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(`scale bench failed: ${error.message}`);
    process.exit(1);
  },
);
