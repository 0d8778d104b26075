import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  BackupRecord,
  BackupStore,
  RestoreRecord,
} from '../../database/BackupStore';
import type { BackupScheduleStore } from '../../database/BackupScheduleStore';
import type { ServiceStore } from '../../database/ServiceStore';
import type { OperatorBackupApi } from '../../operator/OperatorBackupClient';
import type { BackupRunner } from './BackupRunner';
import type { BackupSettings } from './backupSettings';
import type { RestoreRunner } from './RestoreRunner';
import { backupsBeyondRetention, nextScheduledRun } from './scheduleTimes';

/** Who scheduled backups are attributed to. */
export const BACKUP_SCHEDULER_ACTOR = 'woow-cloud-services:backup-schedule';

const BATCH = 50;

/**
 * How long a backup or restore the operator does not know yet is given: the
 * row is written before the operator is asked, so a pass may read it between
 * the two (and must not call it lost).
 */
const UNKNOWN_GRACE_MS = 60_000;

function tooYoungToBeLost(createdAt: string, now: Date): boolean {
  return now.getTime() - new Date(createdAt).getTime() < UNKNOWN_GRACE_MS;
}

/**
 * The backup part of the reconciler's pass: moves backups and restores on
 * from what the operator says, starts restores-as-new once their service
 * runs, runs due schedules and applies their retention. Every step works
 * from the database, so any replica (or a restarted backend) carries on; one
 * item's failure is logged and does not stop the others.
 */
export class BackupReconciler {
  constructor(
    private readonly deps: {
      services: ServiceStore;
      backups: BackupStore;
      schedules: BackupScheduleStore;
      operator: OperatorBackupApi;
      runner: BackupRunner;
      restores: RestoreRunner;
      backupSettings: BackupSettings;
      logger: LoggerService;
    },
  ) {}

  /** One pass; `now` comes from the caller (tests advance it). */
  async reconcile(now = new Date(), signal?: AbortSignal): Promise<void> {
    for (const backup of await this.deps.backups.listInFlight(BATCH)) {
      if (signal?.aborted) return;
      await this.guarded('backup', backup.id, () =>
        this.advanceBackup(backup, now),
      );
    }
    for (const restore of await this.deps.backups.listRestoresInFlight(BATCH)) {
      if (signal?.aborted) return;
      await this.guarded('restore', restore.id, () =>
        this.advanceRestore(restore, now),
      );
    }
    for (const due of await this.deps.schedules.listDue(now, BATCH)) {
      if (signal?.aborted) return;
      await this.guarded('schedule', due.serviceId, () =>
        this.runSchedule(due.serviceId, due.nextRunAt!, now),
      );
    }
  }

  private async advanceBackup(backup: BackupRecord, now: Date) {
    const seen = await this.deps.operator.getBackup(
      backup.namespace,
      backup.release,
      backup.id,
    );
    if (!seen && tooYoungToBeLost(backup.createdAt, now)) return;
    const status = seen?.phase ?? 'failed';
    if (status === backup.status) return;
    const done = status === 'succeeded' || status === 'failed';
    const completedAt = seen?.completedAt ? new Date(seen.completedAt) : now;
    const progress = {
      status,
      sizeBytes: seen?.sizeBytes ?? null,
      snapshotId: seen?.snapshotId ?? null,
      message: seen
        ? seen.message ?? null
        : 'The operator no longer knows this backup',
      completedAt: done ? completedAt : null,
    };
    await this.deps.backups.recordProgress(backup.id, progress);
    const service = await this.deps.services.get(backup.serviceId, {
      includeDeleted: true,
    });
    if (!service) return;
    if (!done) {
      await this.deps.runner.changed(backup.workspaceId, backup.serviceId);
      return;
    }
    await this.deps.runner.ended(service, {
      ...backup,
      ...progress,
      completedAt: completedAt.toISOString(),
    });
    if (status === 'succeeded' && backup.kind === 'scheduled') {
      await this.applyRetention(backup.serviceId);
    }
  }

  /** Deletes the oldest scheduled backups beyond the schedule's retention. */
  async applyRetention(serviceId: string): Promise<void> {
    const schedule = await this.deps.schedules.get(serviceId);
    if (!schedule) return;
    const all = await this.deps.backups.listForService(serviceId);
    for (const old of backupsBeyondRetention(
      all,
      schedule.schedule.retention,
    )) {
      await this.deps.runner.remove(old, BACKUP_SCHEDULER_ACTOR);
    }
  }

  private async advanceRestore(restore: RestoreRecord, now: Date) {
    const target = await this.deps.services.get(restore.targetServiceId);
    if (restore.status === 'waiting') {
      await this.startWaitingRestore(restore, target, now);
      return;
    }
    if (!target) {
      await this.deps.restores.finish(
        undefined,
        restore,
        { ok: false, message: 'The service was deleted during the restore' },
        now,
      );
      return;
    }
    const seen = await this.deps.operator.getRestore(
      target.helmNamespace,
      target.helmReleaseName,
      restore.id,
    );
    if (!seen && tooYoungToBeLost(restore.createdAt, now)) return;
    const timedOut =
      now.getTime() - new Date(restore.createdAt).getTime() >
      this.deps.backupSettings.restoreTimeoutSeconds * 1000;
    if (seen?.phase === 'succeeded') {
      await this.deps.restores.finish(
        target,
        restore,
        { ok: true, message: null },
        now,
      );
    } else if (!seen || seen.phase === 'failed' || timedOut) {
      const message =
        seen?.message ??
        (seen
          ? `Not finished after ${this.deps.backupSettings.restoreTimeoutSeconds} seconds`
          : 'The operator no longer knows this restore');
      await this.deps.restores.finish(
        target,
        restore,
        { ok: false, message },
        now,
      );
    } else if (seen.phase !== restore.status) {
      await this.deps.backups.recordRestore(restore.id, {
        status: seen.phase,
      });
      await this.deps.runner.changed(target.workspaceId, target.id);
    }
  }

  /** Restore-as-new: starts once the new service runs; fails if it cannot. */
  private async startWaitingRestore(
    restore: RestoreRecord,
    target: Awaited<ReturnType<ServiceStore['get']>>,
    now: Date,
  ) {
    if (!target || target.state === 'error' || target.state === 'deleting') {
      await this.deps.restores.finish(
        target,
        restore,
        {
          ok: false,
          message: target
            ? `The new service is ${target.state}: ${
                target.errorMessage ?? 'no reason given'
              }`
            : 'The new service was deleted before the restore',
        },
        now,
      );
      return;
    }
    if (target.state !== 'running') return;
    const backup = await this.deps.backups.get(restore.backupId);
    if (!backup) {
      await this.deps.restores.finish(
        target,
        restore,
        { ok: false, message: `Backup ${restore.backupId} was deleted` },
        now,
      );
      return;
    }
    // Stays `waiting` until the operator took it (start records its phase):
    // this row may be older than the grace for unknown restores.
    await this.deps.restores.start(
      target,
      backup,
      restore,
      restore.createdBy,
      now,
    );
  }

  /** Takes the run (if no other replica did) and starts a scheduled backup. */
  private async runSchedule(serviceId: string, dueAt: Date, now: Date) {
    const record = await this.deps.schedules.get(serviceId);
    if (!record) return;
    const won = await this.deps.schedules.advance(
      serviceId,
      dueAt,
      nextScheduledRun(record.schedule, now),
    );
    if (!won) return;
    const service = await this.deps.services.get(serviceId);
    if (!service) return;
    if (service.state !== 'running') {
      this.deps.logger.info('Scheduled backup skipped: service not running', {
        serviceId,
        state: service.state,
      });
      return;
    }
    await this.deps.runner.assertQuota(service.workspaceId);
    await this.deps.runner.start(
      service,
      'scheduled',
      BACKUP_SCHEDULER_ACTOR,
      now,
    );
  }

  private async guarded(what: string, id: string, step: () => Promise<void>) {
    try {
      await step();
    } catch (error) {
      this.deps.logger.warn(`Reconciling ${what} ${id} failed`, {
        [`${what}Id`]: id,
        reason: (error as Error).message,
      });
    }
  }
}
