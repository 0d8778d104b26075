import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  serviceBackupManagePermission,
  workspaceReadPermission,
  type BackupSchedule,
  type BackupScheduleResponse,
  type CloudService,
  type RestoreBackupRequest,
  type ServiceBackup,
  type ServiceBackupListResponse,
  type ServiceRestore,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type {
  BackupRecord,
  BackupStore,
  RestoreRecord,
} from '../../database/BackupStore';
import type { BackupScheduleStore } from '../../database/BackupScheduleStore';
import type { ServiceStore } from '../../database/ServiceStore';
import {
  isBackupsNotConfigured,
  type OperatorBackupApi,
} from '../../operator/OperatorBackupClient';
import type { AccessControl, UserCredentials } from '../AccessControl';
import { assertSettled, loadService } from '../serviceGuards';
import type { ServiceSecrets } from '../serviceSecrets';
import {
  BACKUPS_NOT_CONFIGURED,
  newOperationId,
  type BackupRunner,
} from './BackupRunner';
import type { BackupSettings } from './backupSettings';
import type { RestoreRunner } from './RestoreRunner';
import { nextScheduledRun } from './scheduleTimes';

/** What restore-as-new needs of ServiceLifecycle (its create). */
export interface ServiceCreator {
  create(
    credentials: UserCredentials,
    workspaceId: string,
    body: unknown,
  ): Promise<CloudService>;
}

function toApi(record: BackupRecord): ServiceBackup {
  const { namespace: _namespace, ...backup } = record;
  return backup;
}

function restoreToApi(record: RestoreRecord): ServiceRestore {
  const {
    workspaceId: _workspaceId,
    sourceRelease: _sourceRelease,
    ...restore
  } = record;
  return restore;
}

/**
 * The backup routes of a service: list, back up now, delete, restore (into
 * the same service or a new one) and the schedule. Viewers and up read;
 * admins and owners change (serviceBackupManagePermission).
 */
export class BackupService {
  constructor(
    private readonly deps: {
      services: ServiceStore;
      backups: BackupStore;
      schedules: BackupScheduleStore;
      access: AccessControl;
      runner: BackupRunner;
      restores: RestoreRunner;
      operator: OperatorBackupApi;
      creator: ServiceCreator;
      secrets: ServiceSecrets;
      backupSettings: BackupSettings;
      logger: LoggerService;
    },
  ) {}

  async list(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<ServiceBackupListResponse> {
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      workspaceReadPermission,
    );
    const service = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    const [items, usedBytes, available] = await Promise.all([
      this.deps.backups.listForService(service.id),
      this.deps.backups.usedBytes(workspaceId),
      this.storageConfigured(service.helmNamespace, service.helmReleaseName),
    ]);
    return {
      items: items.map(toApi),
      usage: {
        usedBytes,
        quotaBytes: this.deps.backupSettings.quotaBytesFor(workspaceId),
      },
      available,
      unavailableReason: available ? null : BACKUPS_NOT_CONFIGURED,
    };
  }

  async backUpNow(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<ServiceBackup> {
    const { userRef } = await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceBackupManagePermission,
    );
    const service = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    assertSettled(service, 'back up');
    await this.deps.runner.assertQuota(workspaceId);
    return toApi(await this.deps.runner.start(service, 'manual', userRef));
  }

  async remove(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
    backupId: string,
  ): Promise<void> {
    const { userRef } = await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceBackupManagePermission,
    );
    const backup = await this.backupOf(workspaceId, serviceId, backupId);
    if (backup.status === 'pending' || backup.status === 'running') {
      throw new ConflictError(
        `Backup ${backupId} is still ${backup.status}; delete it once it has finished`,
      );
    }
    await this.deps.runner.remove(backup, userRef);
  }

  /**
   * Delete-service with keepBackups=false: every backup of the service goes,
   * through the operator. Best effort after the delete was accepted: a
   * backup that cannot be deleted now is logged and stays listed.
   */
  async removeAllOf(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<number> {
    const { userRef } = await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceBackupManagePermission,
    );
    let removed = 0;
    for (const backup of await this.deps.backups.listForService(serviceId)) {
      if (backup.workspaceId !== workspaceId) continue;
      try {
        await this.deps.runner.remove(backup, userRef);
        removed += 1;
      } catch (error) {
        this.deps.logger.warn(
          'Could not delete a backup of a deleted service',
          {
            serviceId,
            backupId: backup.id,
            reason: (error as Error).message,
          },
        );
      }
    }
    return removed;
  }

  async restore(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
    backupId: string,
    request: RestoreBackupRequest,
  ): Promise<ServiceRestore> {
    const { userRef } = await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceBackupManagePermission,
    );
    const source = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    const backup = await this.backupOf(workspaceId, serviceId, backupId);
    if (backup.status !== 'succeeded') {
      throw new ConflictError(
        `Backup ${backupId} is ${backup.status}: only a backup that succeeded can be restored`,
      );
    }
    const now = new Date();
    const id = newOperationId('rs', now);
    if (request.target === 'same') {
      assertSettled(source, 'restore a backup');
      const restore = await this.deps.backups.insertRestore(
        {
          id,
          backupId,
          workspaceId,
          targetServiceId: source.id,
          sourceRelease: backup.release,
          status: 'pending',
          createdBy: userRef,
        },
        now,
      );
      await this.deps.restores.start(source, backup, restore, userRef, now);
      return restoreToApi((await this.deps.backups.getRestore(id))!);
    }
    // Restore as new: the same template and values under a new name; the
    // reconciler restores once the new service runs.
    const created = await this.deps.creator.create(credentials, workspaceId, {
      templateId: source.templateId,
      name: request.name,
      subdomain: request.subdomain,
      helmValues: this.deps.secrets.userValues(source),
    });
    const restore = await this.deps.backups.insertRestore(
      {
        id,
        backupId,
        workspaceId,
        targetServiceId: created.id,
        sourceRelease: backup.release,
        status: 'waiting',
        createdBy: userRef,
      },
      now,
    );
    await this.deps.runner.changed(workspaceId, serviceId);
    return restoreToApi(restore);
  }

  async getSchedule(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<BackupScheduleResponse> {
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      workspaceReadPermission,
    );
    await loadService(this.deps.services, workspaceId, serviceId);
    const record = await this.deps.schedules.get(serviceId);
    return {
      schedule: record?.schedule ?? null,
      nextRunAt: record?.nextRunAt?.toISOString() ?? null,
    };
  }

  async putSchedule(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
    schedule: BackupSchedule,
    now = new Date(),
  ): Promise<BackupScheduleResponse> {
    const { userRef } = await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceBackupManagePermission,
    );
    await loadService(this.deps.services, workspaceId, serviceId);
    const record = await this.deps.schedules.put(
      serviceId,
      schedule,
      nextScheduledRun(schedule, now),
      userRef,
    );
    return {
      schedule: record.schedule,
      nextRunAt: record.nextRunAt?.toISOString() ?? null,
    };
  }

  /** Whether the operator has backup storage (its list answers rather than 501). */
  private async storageConfigured(
    namespace: string,
    release: string,
  ): Promise<boolean> {
    try {
      await this.deps.operator.listBackups(namespace, release);
      return true;
    } catch (error) {
      if (isBackupsNotConfigured(error)) return false;
      // Unreachable or busy: the list from the database still stands.
      this.deps.logger.warn('Could not ask the operator about backups', {
        namespace,
        release,
        reason: (error as Error).message,
      });
      return true;
    }
  }

  private async backupOf(
    workspaceId: string,
    serviceId: string,
    backupId: string,
  ): Promise<BackupRecord> {
    const backup = await this.deps.backups.get(backupId);
    if (
      !backup ||
      backup.workspaceId !== workspaceId ||
      backup.serviceId !== serviceId
    ) {
      throw new NotFoundError(
        `Backup ${backupId} not found for service ${serviceId}`,
      );
    }
    return backup;
  }
}
