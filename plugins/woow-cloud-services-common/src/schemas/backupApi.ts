// Wire shapes of the backend's backup routes (issue 17):
// /workspaces/{wid}/services/{sid}/backups and .../backup-schedule. The
// operator's own shapes (OperatorBackup, OperatorRestore) are in backup.ts.
import { z } from 'zod';
import { backupPhaseSchema } from './backup';
import { serviceNameSchema, subdomainSchema } from './service';

export const backupKindSchema = z.enum(['manual', 'scheduled']);
export type BackupKind = z.infer<typeof backupKindSchema>;

/** One backup of a service, as the API returns it. */
export const serviceBackupSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  serviceId: z.string(),
  /** The helm release the backup was taken of (restorable after the service is gone). */
  release: z.string(),
  kind: backupKindSchema,
  /** Who asked for it; the scheduler for scheduled ones. */
  createdBy: z.string(),
  status: backupPhaseSchema,
  sizeBytes: z.number().int().nonnegative().nullable(),
  snapshotId: z.string().nullable(),
  /** Why it failed, in words. */
  message: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type ServiceBackup = z.infer<typeof serviceBackupSchema>;

/** `HH:MM`, 24-hour clock, UTC. */
export const backupTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (00:00 to 23:59)');

/** A service's backup schedule (PUT body and GET answer). */
export const backupScheduleSchema = z
  .strictObject({
    frequency: z.enum(['daily', 'weekly']),
    /** 0 = Sunday ... 6 = Saturday; required for weekly. */
    weekday: z.number().int().min(0).max(6).nullable().default(null),
    /** When it runs, UTC. */
    time: backupTimeSchema,
    /** Scheduled backups kept; the oldest beyond it are deleted (manual ones never). */
    retention: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(30, 'must be at most 30'),
    enabled: z.boolean(),
  })
  .superRefine((value, ctx) => {
    if (value.frequency === 'weekly' && value.weekday === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['weekday'],
        message: 'is required for a weekly schedule',
      });
    }
  });
export type BackupSchedule = z.infer<typeof backupScheduleSchema>;
export type BackupScheduleInput = z.input<typeof backupScheduleSchema>;

/** GET/PUT .../backup-schedule answer: null schedule = none set. */
export const backupScheduleResponseSchema = z.object({
  schedule: backupScheduleSchema.nullable(),
  /** The next scheduled run (ISO), null when none is due. */
  nextRunAt: z.string().nullable(),
});
export type BackupScheduleResponse = z.infer<
  typeof backupScheduleResponseSchema
>;

/** Backup storage of a workspace against its quota. */
export const backupUsageSchema = z.object({
  usedBytes: z.number().int().nonnegative(),
  /** null: no quota. */
  quotaBytes: z.number().int().positive().nullable(),
});
export type BackupUsage = z.infer<typeof backupUsageSchema>;

/** GET .../backups answer, newest first. */
export const serviceBackupListResponseSchema = z.object({
  items: z.array(serviceBackupSchema),
  usage: backupUsageSchema,
  /** Whether the platform has backup storage configured (the operator's helmOperator.backups). */
  available: z.boolean(),
  /** Why backups cannot be taken, when they cannot. */
  unavailableReason: z.string().nullable(),
});
export type ServiceBackupListResponse = z.infer<
  typeof serviceBackupListResponseSchema
>;

/** POST .../backups/{backupId}/restore body. */
export const restoreBackupRequestSchema = z.discriminatedUnion('target', [
  /** Overwrite this service's volumes with the backup. */
  z.strictObject({ target: z.literal('same') }),
  /** Deploy a new service from the same template and values, then restore into it. */
  z.strictObject({
    target: z.literal('new'),
    name: serviceNameSchema,
    /** Required when the app has a web UI. */
    subdomain: subdomainSchema.optional(),
  }),
]);
export type RestoreBackupRequest = z.infer<typeof restoreBackupRequestSchema>;

export const restoreStatusSchema = z.enum([
  /** Restore-as-new: waiting for the new service to be running. */
  'waiting',
  ...backupPhaseSchema.options,
]);
export type RestoreStatus = z.infer<typeof restoreStatusSchema>;

/** One restore, as the API returns it. */
export const serviceRestoreSchema = z.object({
  id: z.string(),
  backupId: z.string(),
  /** The service that receives the data. */
  targetServiceId: z.string(),
  status: restoreStatusSchema,
  createdBy: z.string(),
  message: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type ServiceRestore = z.infer<typeof serviceRestoreSchema>;

/** `DELETE .../services/{sid}/backups` answer: how many backups were deleted. */
export const deleteAllBackupsResponseSchema = z.object({
  deleted: z.number().int().nonnegative(),
});
