import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// The real operator (a lint warning: one backend plugin importing another is
// what this integration test is for).
import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import type { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { RECONCILER_TASK_ID, woowCloudServicesPlugin } from '../../plugin';
import { apiAs, type ApiClient } from '../../__testUtils__/apiClient';
import {
  deleteNamespace,
  eventually,
  makeChartsDir,
  requireIntegrationEnv,
  run,
  runId,
} from '../../__testUtils__/integrationEnv';
import { portalConfig } from '../../__testUtils__/portalConfig';
import { createTestDatabases } from '../../__testUtils__/testDatabases';

// The backend's backup flow on real data: this plugin's HTTP API with the
// real helm-operator (in the same backend), restic Jobs on the test
// environment's real node and its real S3 server. The fixture app writes a
// file on its volume through its own HTTP endpoint; back up, change it,
// restore, read the original back; restore as a new service; a schedule's
// runs (its due time moved into the past: the clock the reconciler compares
// with) and its retention. Needs the real node (WOOW_TESTENV_REAL_NODE=1,
// npm test's default).

jest.setTimeout(900_000);

const env = requireIntegrationEnv();
const e = process.env;
const OWNER = 'user:default/owner-bk';

function requireRealNode() {
  const missing = [
    'WOOW_REAL_NODE',
    'WOOW_REAL_NODE_RESTIC_IMAGE',
    'WOOW_TESTENV_S3_ENDPOINT',
  ].filter(k => !e[k]);
  if (missing.length) {
    throw new Error(
      `This test needs the test environment's real node and S3 server (${missing.join(
        ', ',
      )} unset): run it with WOOW_TESTENV_REAL_NODE=1 (npm test's default)`,
    );
  }
}

/** The fixture app's marketplace entry, placed on the real node with a volume. */
function realNodeMarketplace(): string {
  const source = [
    path.resolve(__dirname, '../../../../../test-fixtures/marketplace'),
    path.resolve(__dirname, '../../../../../marketplace'),
  ]
    .map(dir => path.join(dir, 'woow-fixture-app.yaml'))
    .find(file => fs.existsSync(file))!;
  const template = YAML.parse(fs.readFileSync(source, 'utf8'));
  template.helmChart.defaultValues = {
    ...template.helmChart.defaultValues,
    nodeSelector: { 'woow.dev/real-node': 'true' },
    tolerations: [{ key: 'woow.dev/real-node', operator: 'Exists' }],
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'woow-bk-marketplace-'));
  fs.writeFileSync(
    path.join(dir, 'woow-fixture-app.yaml'),
    YAML.stringify(template),
  );
  return dir;
}

type TestScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
  triggerTask(id: string): Promise<void>;
};

describe('backups through the API on the real node', () => {
  const workspaceId = `bk${runId()}`;
  const namespace = `paas-ws-${workspaceId}`;
  const databases = createTestDatabases();
  const timings: string[] = [];
  let knex: Knex;
  let chartsDir: string;
  let marketplaceDir: string;
  let scheduler: TestScheduler;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let owner: ApiClient;
  let service: { id: string; helmReleaseName: string };
  const svc = (id = service.id) => `/workspaces/${workspaceId}/services/${id}`;

  const reconcile = () => scheduler.triggerTask(RECONCILER_TASK_ID);

  /** The service once the reconciler says it is `state`. */
  const settled = (serviceId: string, state: string) =>
    eventually(
      async () => {
        await reconcile();
        const res = await owner.get(svc(serviceId));
        if (res.body.state === 'error')
          throw new Error(`error: ${res.body.errorMessage}`);
        return res.body.state === state ? res.body : undefined;
      },
      { what: `service ${serviceId} to be ${state}`, timeoutMs: 300_000 },
    );

  /** The backup once it finished (the reconciler reads the operator). */
  const finished = (backupId: string) =>
    eventually(
      async () => {
        await reconcile();
        const res = await owner.get(`${svc()}/backups`);
        const backup = res.body.items.find((b: any) => b.id === backupId);
        if (backup?.status === 'failed')
          throw new Error(`backup failed: ${backup.message}`);
        return backup?.status === 'succeeded' ? backup : undefined;
      },
      { what: `backup ${backupId} to succeed`, timeoutMs: 300_000 },
    );

  /** The app's own HTTP endpoint: its Ready pod's IP is routed from this host. */
  const fileUrl = (release: string, name: string) =>
    eventually(
      async () => {
        const { stdout } = await run(
          env.kubectl,
          [
            'get',
            'pods',
            '-n',
            namespace,
            '-l',
            `app.kubernetes.io/instance=${release}`,
            '-o',
            'json',
          ],
          env,
        );
        const pod = (JSON.parse(stdout || '{"items":[]}').items as any[]).find(
          p =>
            !p.metadata.deletionTimestamp &&
            p.status?.conditions?.some(
              (c: any) => c.type === 'Ready' && c.status === 'True',
            ),
        );
        return pod?.status?.podIP
          ? `http://${pod.status.podIP}:8080/files/${name}`
          : undefined;
      },
      { what: `a Ready pod of ${release}`, timeoutMs: 300_000 },
    );
  const writeFile = async (release: string, text: string) => {
    const res = await fetch(await fileUrl(release, 'known.txt'), {
      method: 'PUT',
      body: text,
    });
    expect(res.status).toBeLessThan(300);
  };
  const readFile = async (release: string) =>
    (await fetch(await fileUrl(release, 'known.txt'))).text();

  beforeAll(async () => {
    requireRealNode();
    knex = await databases.init('SQLITE_3');
    chartsDir = await makeChartsDir(env);
    marketplaceDir = realNodeMarketplace();
    scheduler = mockServices.scheduler() as TestScheduler;
    backend = await startTestBackend({
      features: [
        woowCloudServicesPlugin,
        helmOperatorPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: portalConfig({
            woowCloudServices: {
              marketplace: { locations: [marketplaceDir] },
              reconciler: { frequencySeconds: 1, settleTimeoutSeconds: 300 },
            },
            helmOperator: {
              helmBinary: env.helm,
              localChartsDir: chartsDir,
              backups: {
                s3: {
                  endpoint: e.WOOW_TESTENV_S3_ENDPOINT!,
                  bucket: e.WOOW_TESTENV_S3_BUCKET!,
                  region: e.WOOW_TESTENV_S3_REGION!,
                  accessKeyIdEnv: 'WOOW_TESTENV_S3_ACCESS_KEY_ID',
                  secretAccessKeyEnv: 'WOOW_TESTENV_S3_SECRET_ACCESS_KEY',
                },
                repositoryPassword: `backend-test-password-${workspaceId}`,
                image: e.WOOW_REAL_NODE_RESTIC_IMAGE!,
                imagePullPolicy: 'Never',
              },
            },
          }),
        }),
      ],
    });
    owner = apiAs(backend.server, OWNER);
    const ws = await owner.post('/workspaces', {
      name: 'Backups',
      id: workspaceId,
    });
    if (ws.status !== 201) throw new Error(`workspace: ${ws.status}`);
    const res = await owner.post(`/workspaces/${workspaceId}/services`, {
      templateId: 'woow-fixture-app',
      name: 'Files',
      subdomain: `fb-${workspaceId}`,
      helmValues: {
        password: `pw-${workspaceId}-Bk1!`,
        'persistence.enabled': true,
      },
    });
    if (res.status !== 201)
      throw new Error(`deploy: ${res.status} ${res.text}`);
    service = res.body;
    await settled(service.id, 'running');
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(
      `backend backup timings (fixture volume):\n${timings.join('\n')}`,
    );
    await backend?.stop();
    await deleteNamespace(env, namespace);
    for (const dir of [chartsDir, marketplaceDir]) {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  let manualId: string;

  it('backs up, and a restore over the service brings the original file back', async () => {
    await writeFile(service.helmReleaseName, 'the original content');
    const started = Date.now();
    const res = await owner.post(`${svc()}/backups`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: 'manual', createdBy: OWNER });
    manualId = res.body.id;
    const backup = await finished(manualId);
    timings.push(`backup through the API: ${(Date.now() - started) / 1000} s`);
    expect(backup.sizeBytes).toBeGreaterThan(0);
    expect(backup.snapshotId).toMatch(/^[0-9a-f]{64}$/);

    await writeFile(service.helmReleaseName, 'changed after the backup');
    expect(await readFile(service.helmReleaseName)).toBe(
      'changed after the backup',
    );

    const restoreStarted = Date.now();
    const restore = await owner.post(`${svc()}/backups/${manualId}/restore`, {
      target: 'same',
    });
    expect(restore.status).toBe(202);
    expect((await owner.get(svc())).body.state).toBe('restoring');
    await settled(service.id, 'running');
    timings.push(
      `restore through the API: ${(Date.now() - restoreStarted) / 1000} s`,
    );
    expect(await readFile(service.helmReleaseName)).toBe(
      'the original content',
    );
    const activity = await owner.get(`${svc()}/logs?type=restore`);
    expect(activity.body.items[0]).toMatchObject({ result: 'success' });
  });

  it('restores as a new service with the same data', async () => {
    const res = await owner.post(`${svc()}/backups/${manualId}/restore`, {
      target: 'new',
      name: 'Files (copy)',
      subdomain: `fc-${workspaceId}`,
    });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('waiting');
    const copyId = res.body.targetServiceId;
    await settled(copyId, 'running');
    // Running again after the restore: wait for the restore to be recorded.
    const restored = await eventually(
      async () => {
        await reconcile();
        const row = await knex('backup_restores')
          .where({ id: res.body.id })
          .first();
        if (row?.status === 'failed') throw new Error(row.message);
        return row?.status === 'succeeded' ? row : undefined;
      },
      { what: 'the restore as new to succeed', timeoutMs: 300_000 },
    );
    expect(restored.target_service_id).toBe(copyId);
    const copy = (await owner.get(svc(copyId))).body;
    expect(copy.state).toBe('running');
    expect(await readFile(copy.helmReleaseName)).toBe('the original content');
  });

  it('runs the schedule when it is due and keeps only the retention count', async () => {
    const put = await owner.put(`${svc()}/backup-schedule`, {
      frequency: 'daily',
      time: '03:00',
      retention: 1,
      enabled: true,
    });
    expect(put.status).toBe(200);
    const scheduledIds: string[] = [];
    /** The scheduled backup that is not one of `known`, once it appears. */
    const nextScheduled = (known: string[]) =>
      eventually(
        async () => {
          await reconcile();
          const res = await owner.get(`${svc()}/backups`);
          return res.body.items.find(
            (b: any) => b.kind === 'scheduled' && !known.includes(b.id),
          );
        },
        { what: 'a scheduled backup', timeoutMs: 60_000 },
      );
    for (let round = 0; round < 2; round++) {
      // The schedule's clock: its next run is now in the past.
      await knex('backup_schedules')
        .where({ service_id: service.id })
        .update({ next_run_at: new Date('2026-01-01T03:00:00Z') });
      const started = await nextScheduled([...scheduledIds]);
      scheduledIds.push(started.id);
      await finished(started.id);
    }
    // Retention 1: the first scheduled backup is gone; the manual one stays.
    const left = await eventually(
      async () => {
        await reconcile();
        const items = (await owner.get(`${svc()}/backups`)).body.items;
        return items.some((b: any) => b.id === scheduledIds[0])
          ? undefined
          : items;
      },
      {
        what: 'retention to delete the oldest scheduled backup',
        timeoutMs: 60_000,
      },
    );
    expect(left.map((b: any) => b.id).sort()).toEqual(
      [manualId, scheduledIds[1]].sort(),
    );
    const schedule = (await owner.get(`${svc()}/backup-schedule`)).body;
    expect(new Date(schedule.nextRunAt).getTime()).toBeGreaterThan(
      new Date('2026-01-01T03:00:00Z').getTime(),
    );
  });
});
