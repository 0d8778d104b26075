import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { cloudServicesRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import type { BackupService } from '../services/backups/BackupService';
import { createContractRouter } from './contractRouter';
import type { RequestLimits } from './httpBoundary';

/** The audit event of deleting every backup of a service: its own route, or a delete-service with `keepBackups=false`. */
export const DELETE_ALL_BACKUPS_AUDIT = {
  eventId: 'service-backup-delete-all',
  severityLevel: 'high',
} as const;

export interface BackupsRouterOptions {
  httpAuth: HttpAuthService;
  /** Every change (back up, delete, restore, schedule) is an audit event. */
  auditor: AuditorService;
  logger: LoggerService;
  requestLimits?: RequestLimits;
  backups: BackupService;
}

/**
 * A service's backups, restores and backup schedule (in cloudServicesRoutes,
 * -common). Viewers and up read; admins and owners change (checked by
 * BackupService).
 */
export function createBackupsRouter(
  options: BackupsRouterOptions,
): express.Router {
  const { httpAuth, backups } = options;
  const { handle, router } = createContractRouter(cloudServicesRoutes, options);
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const backupId = (req: express.Request) => ({
    backupId: String(req.params.backupId),
  });

  handle('listServiceBackups', async ({ params }, req) =>
    backups.list(await user(req), params.workspaceId, params.serviceId),
  );

  handle(
    'createServiceBackup',
    async ({ params }, req) =>
      backups.backUpNow(await user(req), params.workspaceId, params.serviceId),
    {
      eventId: 'service-backup-create',
      severityLevel: 'medium',
      outcome: backup => ({ backupId: backup.id }),
    },
  );

  // Every backup of the service (also once the service itself is gone).
  handle(
    'deleteAllServiceBackups',
    async ({ params }, req) => ({
      deleted: await backups.removeAllOf(
        await user(req),
        params.workspaceId,
        params.serviceId,
      ),
    }),
    { ...DELETE_ALL_BACKUPS_AUDIT, outcome: ({ deleted }) => ({ deleted }) },
  );

  handle(
    'deleteServiceBackup',
    async ({ params }, req) =>
      backups.remove(
        await user(req),
        params.workspaceId,
        params.serviceId,
        params.backupId,
      ),
    { eventId: 'service-backup-delete', severityLevel: 'high', meta: backupId },
  );

  handle(
    'restoreServiceBackup',
    async ({ params, body }, req) =>
      backups.restore(
        await user(req),
        params.workspaceId,
        params.serviceId,
        params.backupId,
        body,
      ),
    {
      eventId: 'service-backup-restore',
      severityLevel: 'high',
      meta: req => ({
        ...backupId(req),
        target: String(req.body?.target ?? ''),
      }),
      outcome: restore => ({
        restoreId: restore.id,
        targetServiceId: restore.targetServiceId,
      }),
    },
  );

  handle('getBackupSchedule', async ({ params }, req) =>
    backups.getSchedule(await user(req), params.workspaceId, params.serviceId),
  );

  handle(
    'putBackupSchedule',
    async ({ params, body }, req) =>
      backups.putSchedule(
        await user(req),
        params.workspaceId,
        params.serviceId,
        body,
      ),
    { eventId: 'service-backup-schedule-update', severityLevel: 'medium' },
  );

  return router;
}
