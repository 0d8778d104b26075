import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import type { BackupKind } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { BackupRecord, BackupStore } from '../../database/BackupStore';
import type { EventStore } from '../../database/EventStore';
import type { ServiceRecord } from '../../database/ServiceStore';
import {
  isBackupsNotConfigured,
  type OperatorBackupApi,
} from '../../operator/OperatorBackupClient';
import { randomSuffix } from '../identifiers';
import type { ServiceNotifier } from '../ServiceNotifier';
import type { BackupSettings } from './backupSettings';

/** What the API says when the operator has no backup storage (its 501). */
export const BACKUPS_NOT_CONFIGURED =
  'Backups are not configured on this platform: the helm-operator has no backup storage (helmOperator.backups); ask the platform team';

export function backupsNotConfiguredError(): ServiceUnavailableError {
  return new ServiceUnavailableError(BACKUPS_NOT_CONFIGURED);
}

/** A backup or restore id: `{prefix}-{date}-{random}`, a DNS label the operator names its Job after. */
export function newOperationId(prefix: 'bk' | 'rs', now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:T]/g, '')
    .slice(0, 12)
    .toLowerCase();
  return `${prefix}-${stamp}-${randomSuffix(6)}`;
}

export interface BackupRunnerDeps {
  backups: BackupStore;
  events: EventStore;
  operator: OperatorBackupApi;
  backupSettings: BackupSettings;
  logger: LoggerService;
  notifier?: ServiceNotifier;
  /** Tells open Backups tabs to reload (ServiceSignals.backupsChanged). */
  backupsChanged?: (workspaceId: string, serviceId: string) => Promise<void>;
}

/**
 * Starts and deletes backups through the operator, keeping the rows, the
 * activity history and open pages in step; used by the API (manual backups)
 * and the reconciler (scheduled ones, retention).
 */
export class BackupRunner {
  constructor(private readonly deps: BackupRunnerDeps) {}

  /** Refuses with a 403 naming the quota key when the workspace's backups fill it. */
  async assertQuota(workspaceId: string): Promise<void> {
    const { backupSettings } = this.deps;
    const quota = backupSettings.quotaBytesFor(workspaceId);
    if (quota === null) return;
    const used = await this.deps.backups.usedBytes(workspaceId);
    if (used >= quota) {
      throw new NotAllowedError(
        `Backup storage quota reached (${backupSettings.quotaKeyFor(
          workspaceId,
        )} = ${quota} bytes): workspace ${workspaceId} holds ${used} bytes of backups; delete old backups first`,
      );
    }
  }

  /**
   * Records the backup and asks the operator for it. The operator's 501
   * removes the row again and is a 503 saying backups are not configured;
   * another refusal (no volume...) leaves a failed backup with the reason.
   */
  async start(
    service: ServiceRecord,
    kind: BackupKind,
    actor: string,
    now = new Date(),
  ): Promise<BackupRecord> {
    const backup = await this.deps.backups.insert(
      {
        id: newOperationId('bk', now),
        workspaceId: service.workspaceId,
        serviceId: service.id,
        namespace: service.helmNamespace,
        release: service.helmReleaseName,
        kind,
        createdBy: actor,
      },
      now,
    );
    try {
      const started = await this.deps.operator.startBackup(
        service.helmNamespace,
        service.helmReleaseName,
        backup.id,
      );
      await this.deps.backups.recordProgress(backup.id, {
        status: started.phase,
      });
    } catch (error) {
      if (isBackupsNotConfigured(error)) {
        await this.deps.backups.remove(backup.id);
        throw backupsNotConfiguredError();
      }
      const message = (error as Error).message;
      await this.deps.backups.recordProgress(backup.id, {
        status: 'failed',
        message,
        completedAt: now,
      });
      await this.ended(service, { ...backup, status: 'failed', message });
      throw error;
    }
    await this.deps.events.add({
      serviceId: service.id,
      workspaceId: service.workspaceId,
      type: 'backup',
      actor,
      result: 'info',
      message: `${kind === 'manual' ? 'Backup' : 'Scheduled backup'} ${
        backup.id
      } started`,
    });
    await this.changed(service.workspaceId, service.id);
    return (await this.deps.backups.get(backup.id))!;
  }

  /** Forgets the snapshot through the operator, then the row. */
  async remove(backup: BackupRecord, actor: string): Promise<void> {
    try {
      await this.deps.operator.deleteBackup(
        backup.namespace,
        backup.release,
        backup.id,
      );
    } catch (error) {
      if (isBackupsNotConfigured(error)) throw backupsNotConfiguredError();
      throw error;
    }
    await this.deps.backups.remove(backup.id);
    await this.deps.events.add({
      serviceId: backup.serviceId,
      workspaceId: backup.workspaceId,
      type: 'backup',
      actor,
      result: 'info',
      message: `Backup ${backup.id} of ${backup.createdAt} deleted`,
    });
    await this.changed(backup.workspaceId, backup.serviceId);
  }

  /** Activity event and notification of a backup that finished or failed. */
  async ended(service: ServiceRecord, backup: BackupRecord): Promise<void> {
    const succeeded = backup.status === 'succeeded';
    await this.deps.events.add({
      serviceId: service.id,
      workspaceId: service.workspaceId,
      type: 'backup',
      actor: backup.createdBy,
      result: succeeded ? 'success' : 'failure',
      message: succeeded
        ? `Backup ${backup.id} finished (${backup.sizeBytes ?? 0} bytes)`
        : `Backup ${backup.id} failed: ${backup.message ?? 'no reason given'}`,
    });
    await this.deps.notifier?.dataOperationEnded(
      service,
      'Backup',
      succeeded,
      backup.createdBy,
    );
    await this.changed(service.workspaceId, service.id);
  }

  /** Best effort: a signal that cannot be sent is logged. */
  async changed(workspaceId: string, serviceId: string): Promise<void> {
    try {
      await this.deps.backupsChanged?.(workspaceId, serviceId);
    } catch (error) {
      this.deps.logger.warn('Could not signal a backup change', {
        serviceId,
        reason: (error as Error).message,
      });
    }
  }
}
