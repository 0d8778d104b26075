import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  backupScheduleSchema,
  restoreBackupRequestSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import Router from 'express-promise-router';
import type { BackupService } from '../services/backups/BackupService';
import { createAuditedRoute } from './audit';
import { withHttpBoundary, type RequestLimits } from './httpBoundary';
import { parse } from './parse';

export interface BackupsRouterOptions {
  httpAuth: HttpAuthService;
  /** Every change (back up, delete, restore, schedule) is an audit event. */
  auditor: AuditorService;
  logger: LoggerService;
  requestLimits?: RequestLimits;
  backups: BackupService;
}

const svc = '/workspaces/:workspaceId/services/:serviceId';

/**
 * A service's backups, restores and backup schedule (documented in
 * src/schema/openapi.yaml, "Backups"). Viewers and up read; admins and
 * owners change (checked by BackupService).
 */
export function createBackupsRouter(
  options: BackupsRouterOptions,
): express.Router {
  const { httpAuth, backups } = options;
  const router = Router();
  const audited = createAuditedRoute(options.auditor);
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const backupId = (req: express.Request) => ({
    backupId: String(req.params.backupId),
  });

  router.get(`${svc}/backups`, async (req, res) => {
    const { workspaceId, serviceId } = req.params;
    res.json(await backups.list(await user(req), workspaceId, serviceId));
  });

  router.post(
    `${svc}/backups`,
    audited(
      { eventId: 'service-backup-create', severityLevel: 'medium' },
      async (req, res) => {
        const { workspaceId, serviceId } = req.params;
        const backup = await backups.backUpNow(
          await user(req),
          workspaceId,
          serviceId,
        );
        res.status(202).json(backup);
        return { backupId: backup.id };
      },
    ),
  );

  // Delete-service's "do not keep backups": every backup of the service
  // (also once the service itself is gone).
  router.delete(
    `${svc}/backups`,
    audited(
      { eventId: 'service-backup-delete-all', severityLevel: 'high' },
      async (req, res) => {
        const { workspaceId, serviceId } = req.params;
        const deleted = await backups.removeAllOf(
          await user(req),
          workspaceId,
          serviceId,
        );
        res.json({ deleted });
        return { deleted };
      },
    ),
  );

  router.delete(
    `${svc}/backups/:backupId`,
    audited(
      {
        eventId: 'service-backup-delete',
        severityLevel: 'high',
        meta: backupId,
      },
      async (req, res) => {
        const { workspaceId, serviceId } = req.params;
        await backups.remove(
          await user(req),
          workspaceId,
          serviceId,
          req.params.backupId,
        );
        res.status(204).end();
      },
    ),
  );

  router.post(
    `${svc}/backups/:backupId/restore`,
    audited(
      {
        eventId: 'service-backup-restore',
        severityLevel: 'high',
        meta: req => ({
          ...backupId(req),
          target: String(req.body?.target ?? ''),
        }),
      },
      async (req, res) => {
        const body = parse(restoreBackupRequestSchema, req.body);
        const { workspaceId, serviceId } = req.params;
        const restore = await backups.restore(
          await user(req),
          workspaceId,
          serviceId,
          req.params.backupId,
          body,
        );
        res.status(202).json(restore);
        return {
          restoreId: restore.id,
          targetServiceId: restore.targetServiceId,
        };
      },
    ),
  );

  router.get(`${svc}/backup-schedule`, async (req, res) => {
    const { workspaceId, serviceId } = req.params;
    res.json(
      await backups.getSchedule(await user(req), workspaceId, serviceId),
    );
  });

  router.put(
    `${svc}/backup-schedule`,
    audited(
      { eventId: 'service-backup-schedule-update', severityLevel: 'medium' },
      async (req, res) => {
        const schedule = parse(backupScheduleSchema, req.body);
        const { workspaceId, serviceId } = req.params;
        res.json(
          await backups.putSchedule(
            await user(req),
            workspaceId,
            serviceId,
            schedule,
          ),
        );
      },
    ),
  );

  return withHttpBoundary(router, options);
}
