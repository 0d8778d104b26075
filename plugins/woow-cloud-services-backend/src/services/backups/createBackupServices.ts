import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { Knex } from 'knex';
import { BackupScheduleStore } from '../../database/BackupScheduleStore';
import { BackupStore } from '../../database/BackupStore';
import type { OperatorBackupApi } from '../../operator/OperatorBackupClient';
import type { CloudServices } from '../createCloudServices';
import { ServiceNotifier } from '../ServiceNotifier';
import { ServiceSignals } from '../ServiceSignals';
import { BackupReconciler } from './BackupReconciler';
import { BackupRunner } from './BackupRunner';
import { BackupService, type ServiceCreator } from './BackupService';
import type { BackupSettings } from './backupSettings';
import { RestoreRunner } from './RestoreRunner';

/** The backup part of the object graph, over the plugin's other services. */
export function createBackupServices(deps: {
  db: Knex;
  services: Pick<CloudServices, 'stores' | 'access' | 'secrets'> & {
    lifecycle: ServiceCreator;
  };
  operator: OperatorBackupApi;
  backupSettings: BackupSettings;
  logger: LoggerService;
  /** Absent: nobody is notified of how backups and restores end. */
  notifications?: NotificationService;
  /** Absent: open Backups tabs are not told of changes. */
  signals?: SignalsService;
}) {
  const { operator, backupSettings, logger } = deps;
  const { stores, access, secrets, lifecycle } = deps.services;
  const notifier =
    deps.notifications &&
    new ServiceNotifier({
      notifications: deps.notifications,
      workspaces: stores.workspaces,
      events: stores.events,
      logger,
    });
  const backups = new BackupStore(deps.db);
  const schedules = new BackupScheduleStore(deps.db);
  const signals =
    deps.signals &&
    new ServiceSignals({
      signals: deps.signals,
      workspaces: stores.workspaces,
    });
  const runner = new BackupRunner({
    backups,
    events: stores.events,
    operator,
    backupSettings,
    logger,
    notifier,
    backupsChanged: signals
      ? (workspaceId, serviceId) =>
          signals.backupsChanged(workspaceId, serviceId)
      : undefined,
  });
  const restores = new RestoreRunner({
    services: stores.services,
    backups,
    events: stores.events,
    operator,
    runner,
    backupSettings,
    logger,
    notifier,
  });
  const common = { services: stores.services, backups, schedules, operator };
  return {
    backups,
    schedules,
    runner,
    service: new BackupService({
      ...common,
      access,
      runner,
      restores,
      creator: lifecycle,
      secrets,
      backupSettings,
      logger,
    }),
    reconciler: new BackupReconciler({
      ...common,
      runner,
      restores,
      backupSettings,
      logger,
    }),
  };
}

export type BackupServices = ReturnType<typeof createBackupServices>;
