import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  BackupRecord,
  BackupStore,
  RestoreRecord,
} from '../../database/BackupStore';
import type { EventStore } from '../../database/EventStore';
import type { ServiceRecord, ServiceStore } from '../../database/ServiceStore';
import {
  isBackupsNotConfigured,
  type OperatorBackupApi,
} from '../../operator/OperatorBackupClient';
import type { ServiceNotifier } from '../ServiceNotifier';
import { secondsFromNow, transition } from '../transitions';
import { backupsNotConfiguredError, type BackupRunner } from './BackupRunner';
import type { BackupSettings } from './backupSettings';

/**
 * Writes a backup back into a service: the service is `restoring` while the
 * operator's Job runs (its workloads are scaled to zero by the operator), and
 * back to `running` (checked by the reconciler at once) when it ends. The
 * service reconciler leaves a restoring service alone until the restore
 * timeout; the BackupReconciler moves it on.
 */
export class RestoreRunner {
  constructor(
    private readonly deps: {
      services: ServiceStore;
      backups: BackupStore;
      events: EventStore;
      operator: OperatorBackupApi;
      runner: BackupRunner;
      backupSettings: BackupSettings;
      logger: LoggerService;
      notifier?: ServiceNotifier;
    },
  ) {}

  /**
   * Marks `target` restoring and asks the operator for the restore. On a
   * refusal the service goes back to the state it was in, the restore is
   * failed with the reason, and the error is thrown on.
   */
  async start(
    target: ServiceRecord,
    backup: BackupRecord,
    restore: RestoreRecord,
    actor: string,
    now = new Date(),
  ): Promise<void> {
    const restoring = await transition(this.deps.services, target, {
      state: 'restoring',
      statusDetail: `Restoring backup ${backup.id} of ${backup.createdAt}`,
      errorMessage: null,
      nextCheckAt: secondsFromNow(
        this.deps.backupSettings.restoreTimeoutSeconds,
        now,
      ),
    });
    if (!restoring) {
      throw new ConflictError(
        `The service changed while the restore was being started; try again`,
      );
    }
    try {
      const started = await this.deps.operator.startRestore(
        target.helmNamespace,
        target.helmReleaseName,
        { id: restore.id, backupId: backup.id, sourceRelease: backup.release },
      );
      await this.deps.backups.recordRestore(restore.id, {
        status: started.phase,
      });
    } catch (error) {
      const message = isBackupsNotConfigured(error)
        ? backupsNotConfiguredError().message
        : (error as Error).message;
      await this.finish(restoring, restore, { ok: false, message }, now);
      throw isBackupsNotConfigured(error) ? backupsNotConfiguredError() : error;
    }
    await this.deps.events.add({
      serviceId: target.id,
      workspaceId: target.workspaceId,
      type: 'restore',
      actor,
      fromState: target.state,
      toState: 'restoring',
      result: 'info',
      message: `Restore of backup ${backup.id} (${backup.release}, ${backup.createdAt}) started: the data in the service's volumes is being replaced`,
    });
    await this.deps.runner.changed(target.workspaceId, target.id);
  }

  /**
   * Records how a restore ended; a target still restoring goes back to
   * `running` and is health-checked by the reconciler at once.
   */
  async finish(
    target: ServiceRecord | undefined,
    restore: RestoreRecord,
    outcome: { ok: boolean; message: string | null },
    now = new Date(),
  ): Promise<void> {
    await this.deps.backups.recordRestore(restore.id, {
      status: outcome.ok ? 'succeeded' : 'failed',
      message: outcome.message,
      completedAt: now,
    });
    if (!target) return;
    if (target.state === 'restoring') {
      await transition(this.deps.services, target, {
        state: 'running',
        statusDetail: null,
        nextCheckAt: now,
      });
    }
    await this.deps.events.add({
      serviceId: target.id,
      workspaceId: target.workspaceId,
      type: 'restore',
      actor: restore.createdBy,
      fromState: target.state,
      toState: target.state === 'restoring' ? 'running' : target.state,
      result: outcome.ok ? 'success' : 'failure',
      message: outcome.ok
        ? `Restore of backup ${restore.backupId} finished`
        : `Restore of backup ${restore.backupId} failed: ${
            outcome.message ?? 'no reason given'
          }`,
    });
    await this.deps.notifier?.dataOperationEnded(
      target,
      'Restore',
      outcome.ok,
      restore.createdBy,
    );
    await this.deps.runner.changed(target.workspaceId, target.id);
  }
}
