import { mockCredentials } from '@backstage/backend-test-utils';
import { createBackupHarness } from '../../__testUtils__/backupHarness';
import { createTestDatabases } from '../../__testUtils__/testDatabases';

// The backup flow of the backend (BackupService, BackupReconciler and the
// runners) over a real database, with the helm-operator replaced by an
// in-memory stand-in whose Jobs finish when the test says so. The real
// operator and restic are covered by the operator's own tests and the
// integration and browser tests.

const OWNER = 'user:default/owner';
const MEMBER = 'user:default/member';

describe('backups of a service', () => {
  const databases = createTestDatabases();
  const owner = mockCredentials.user(OWNER);
  const member = mockCredentials.user(MEMBER);

  async function setup(id: any, backupConfig: object = {}) {
    const { operator, services, backups, sent } = await createBackupHarness(
      await databases.init(id),
      backupConfig,
    );
    const workspaceId = `ws-${Math.random().toString(36).slice(2, 8)}`;
    await services.workspaces.create(owner, {
      id: workspaceId,
      name: 'WS',
      description: '',
    });
    await services.workspaces.addMember(owner, workspaceId, {
      userRef: MEMBER,
      role: 'member',
    });
    const deploy = async (name = 'Fixture') => {
      const created = await services.lifecycle.create(owner, workspaceId, {
        templateId: 'woow-fixture-app',
        name,
        subdomain: `fx-${Math.random().toString(36).slice(2, 8)}`,
        helmValues: { password: 'correct horse battery staple' },
      });
      await services.reconciler.reconcileService(created.id);
      return created;
    };
    return { operator, services, backups, sent, deploy, workspaceId };
  }

  it.each(databases.eachSupportedId())(
    'backs up, restores over the service and notifies, on %p',
    async id => {
      const { operator, services, backups, sent, deploy, workspaceId } =
        await setup(id);
      const svc = await deploy();

      await expect(
        backups.service.backUpNow(member, workspaceId, svc.id),
      ).rejects.toThrow(/needs the admin role/);

      const started = await backups.service.backUpNow(
        owner,
        workspaceId,
        svc.id,
      );
      expect(started).toMatchObject({ kind: 'manual', status: 'running' });
      expect(started.createdBy).toBe(OWNER);

      operator.finishAll('succeeded', 4096);
      await backups.reconciler.reconcile(new Date());
      const listed = await backups.service.list(member, workspaceId, svc.id);
      expect(listed.available).toBe(true);
      expect(listed.items).toEqual([
        expect.objectContaining({
          id: started.id,
          status: 'succeeded',
          sizeBytes: 4096,
          snapshotId: `snap-${started.id}`,
        }),
      ]);
      expect(listed.usage.usedBytes).toBe(4096);
      expect(sent.map(s => s.payload.title)).toContain(
        'Backup of Fixture finished',
      );

      const restore = await backups.service.restore(
        owner,
        workspaceId,
        svc.id,
        started.id,
        { target: 'same' },
      );
      expect(restore.status).toBe('running');
      expect((await services.stores.services.get(svc.id))?.state).toBe(
        'restoring',
      );
      // Nothing else may start on a restoring service.
      await expect(
        backups.service.backUpNow(owner, workspaceId, svc.id),
      ).rejects.toThrow(/while the service is restoring/);

      operator.finishAll('succeeded');
      await backups.reconciler.reconcile(new Date());
      expect((await services.stores.services.get(svc.id))?.state).toBe(
        'running',
      );
      expect((await backups.backups.getRestore(restore.id))?.status).toBe(
        'succeeded',
      );
      const activity = await services.views.logs(owner, workspaceId, svc.id, {
        type: 'restore',
        limit: 10,
      });
      expect(activity.map(e => e.result)).toEqual(['success', 'info']);
    },
  );

  it.each(databases.eachSupportedId())(
    'restores as a new service once it runs, on %p',
    async id => {
      const { operator, services, backups, deploy, workspaceId } = await setup(
        id,
      );
      const svc = await deploy();
      const backup = await backups.service.backUpNow(
        owner,
        workspaceId,
        svc.id,
      );
      operator.finishAll('succeeded');
      await backups.reconciler.reconcile(new Date());

      const restore = await backups.service.restore(
        owner,
        workspaceId,
        svc.id,
        backup.id,
        { target: 'new', name: 'Copy', subdomain: 'fx-copy' },
      );
      expect(restore.status).toBe('waiting');
      expect(restore.targetServiceId).not.toBe(svc.id);
      // The new service deploys first: the restore waits for it.
      await backups.reconciler.reconcile(new Date());
      await services.reconciler.reconcileService(restore.targetServiceId);
      await backups.reconciler.reconcile(new Date());
      const target = await services.stores.services.get(
        restore.targetServiceId,
      );
      expect(target).toMatchObject({ name: 'Copy', state: 'restoring' });
      expect(operator.restores.get(restore.id)).toMatchObject({
        sourceRelease: svc.helmReleaseName,
        release: target!.helmReleaseName,
      });
      operator.finishAll('succeeded');
      await backups.reconciler.reconcile(new Date());
      expect(
        (await services.stores.services.get(restore.targetServiceId))?.state,
      ).toBe('running');
    },
  );

  it.each(databases.eachSupportedId())(
    'runs a due schedule and keeps only the retention count of scheduled backups, on %p',
    async id => {
      const { operator, backups, deploy, workspaceId } = await setup(id);
      const svc = await deploy();
      const manual = await backups.service.backUpNow(
        owner,
        workspaceId,
        svc.id,
      );
      operator.finishAll('succeeded');
      const start = new Date('2026-11-30T10:00:00Z');
      const put = await backups.service.putSchedule(
        owner,
        workspaceId,
        svc.id,
        {
          frequency: 'daily',
          weekday: null,
          time: '02:30',
          retention: 2,
          enabled: true,
        },
        start,
      );
      expect(put.nextRunAt).toBe('2026-12-01T02:30:00.000Z');

      // Not due yet: nothing runs.
      await backups.reconciler.reconcile(start);
      expect(operator.backups.size).toBe(1);

      // Three days pass, one pass a day after the schedule's time.
      const runs: string[] = [];
      for (let day = 1; day <= 3; day++) {
        const clock = new Date(Date.UTC(2026, 11, day, 2, 31));
        await backups.reconciler.reconcile(clock);
        const scheduled = [...operator.backups.values()].find(
          b => b.phase === 'running',
        );
        expect(scheduled).toBeDefined();
        runs.push(scheduled!.id);
        operator.finishAll('succeeded');
        await backups.reconciler.reconcile(clock);
      }
      const left = await backups.backups.listForService(svc.id);
      expect(left.map(b => b.id).sort()).toEqual(
        [manual.id, runs[1], runs[2]].sort(),
      );
      expect(operator.deleted).toEqual([runs[0]]);
      expect(
        left.filter(b => b.kind === 'scheduled').map(b => b.createdBy),
      ).toEqual([
        'woow-cloud-services:backup-schedule',
        'woow-cloud-services:backup-schedule',
      ]);
      const schedule = await backups.service.getSchedule(
        member,
        workspaceId,
        svc.id,
      );
      expect(schedule.nextRunAt).toBe('2026-12-04T02:30:00.000Z');
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a backup beyond the quota, naming the key, on %p',
    async id => {
      const { operator, backups, deploy, workspaceId } = await setup(id, {
        quotaGbPerWorkspace: 0.000001,
      });
      const svc = await deploy();
      await backups.service.backUpNow(owner, workspaceId, svc.id);
      operator.finishAll('succeeded', 5000);
      await backups.reconciler.reconcile(new Date());
      await expect(
        backups.service.backUpNow(owner, workspaceId, svc.id),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          'woowCloudServices.backups.quotaGbPerWorkspace',
        ),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'says backups are not configured when the operator answers 501, on %p',
    async id => {
      const { operator, backups, deploy, workspaceId } = await setup(id);
      const svc = await deploy();
      operator.configured = false;
      await expect(
        backups.service.backUpNow(owner, workspaceId, svc.id),
      ).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining('helmOperator.backups'),
      });
      const listed = await backups.service.list(owner, workspaceId, svc.id);
      expect(listed).toMatchObject({ available: false, items: [] });
      expect(listed.unavailableReason).toMatch(/not configured/);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives a backup the operator does not know yet a grace before calling it failed, on %p',
    async id => {
      const { backups, deploy, workspaceId } = await setup(id);
      const svc = await deploy();
      const created = new Date('2026-11-30T10:00:00Z');
      // As between the row's insert and the operator's answer.
      const row = await backups.backups.insert(
        {
          id: 'bk-unknown',
          workspaceId,
          serviceId: svc.id,
          namespace: svc.helmNamespace,
          release: svc.helmReleaseName,
          kind: 'manual',
          createdBy: OWNER,
        },
        created,
      );
      await backups.reconciler.reconcile(new Date(created.getTime() + 5_000));
      expect((await backups.backups.get(row.id))?.status).toBe('pending');
      await backups.reconciler.reconcile(new Date(created.getTime() + 61_000));
      expect(await backups.backups.get(row.id)).toMatchObject({
        status: 'failed',
        message: 'The operator no longer knows this backup',
      });
    },
  );
});
