// Wire shapes of the helm-operator's backup routes (issue 17): restic
// snapshots of a release's PVCs, taken and restored by Kubernetes Jobs in the
// workspace namespace. The backend chooses the ids; the operator names its Jobs
// after them and reads the results back from the Jobs.
import { z } from 'zod';
import { dnsLabelSchema } from './names';
import { releaseNameSchema } from './operator';

/** A backup or restore id: a DNS label chosen by the backend (it names a Job, so at most 40 characters). */
export const backupIdSchema = dnsLabelSchema.max(
  40,
  'must be at most 40 characters',
);

export const backupPhaseSchema = z.enum([
  'pending',
  'running',
  'succeeded',
  'failed',
]);
export type BackupPhase = z.infer<typeof backupPhaseSchema>;

const isoTimeSchema = z.iso.datetime({ offset: true });

export const operatorBackupSchema = z.object({
  id: backupIdSchema,
  release: releaseNameSchema,
  phase: backupPhaseSchema,
  startedAt: isoTimeSchema.optional(),
  completedAt: isoTimeSchema.optional(),
  /** restic's summary: bytes the snapshot holds (total bytes processed). */
  sizeBytes: z.number().int().nonnegative().optional(),
  /** restic snapshot id, once the backup succeeded. */
  snapshotId: z.string().optional(),
  /** Names of the PVCs the backup holds. */
  volumes: z.array(z.string()),
  /** Why the backup failed, in words; never a credential. */
  message: z.string().optional(),
});
export type OperatorBackup = z.infer<typeof operatorBackupSchema>;

export const operatorRestoreSchema = z.object({
  id: backupIdSchema,
  backupId: backupIdSchema,
  /** The release the backup was taken of. */
  sourceRelease: releaseNameSchema,
  /** The release whose PVCs receive the data. */
  release: releaseNameSchema,
  phase: backupPhaseSchema,
  startedAt: isoTimeSchema.optional(),
  completedAt: isoTimeSchema.optional(),
  message: z.string().optional(),
});
export type OperatorRestore = z.infer<typeof operatorRestoreSchema>;

/** POST /releases/{ns}/{name}/backups */
export const createBackupRequestSchema = z.strictObject({
  id: backupIdSchema,
});
export type CreateBackupRequest = z.infer<typeof createBackupRequestSchema>;

/** 202 of POST, and GET /releases/{ns}/{name}/backups/{id} */
export const backupResponseSchema = z.object({
  backup: operatorBackupSchema,
});
export type BackupResponse = z.infer<typeof backupResponseSchema>;

/** GET /releases/{ns}/{name}/backups: newest first. */
export const backupListResponseSchema = z.object({
  backups: z.array(operatorBackupSchema),
});
export type BackupListResponse = z.infer<typeof backupListResponseSchema>;

/** POST /releases/{ns}/{name}/restores */
export const createRestoreRequestSchema = z.strictObject({
  id: backupIdSchema,
  backupId: backupIdSchema,
  /** Release the backup belongs to; default: the release in the path (restore-as-new passes the original). */
  sourceRelease: releaseNameSchema.optional(),
});
export type CreateRestoreRequest = z.infer<typeof createRestoreRequestSchema>;

/** 202 of POST, and GET /releases/{ns}/{name}/restores/{id} */
export const restoreResponseSchema = z.object({
  restore: operatorRestoreSchema,
});
export type RestoreResponse = z.infer<typeof restoreResponseSchema>;
