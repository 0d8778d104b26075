import type {
  BackupKind,
  BackupPhase,
  RestoreStatus,
  ServiceBackup,
  ServiceRestore,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { Knex } from 'knex';
import { toIso, toNumber, toOptionalIso } from './columns';

/** A service_backups row in domain terms (the API shape plus where it lives). */
export interface BackupRecord extends ServiceBackup {
  namespace: string;
}

export type NewBackup = Pick<
  BackupRecord,
  | 'id'
  | 'workspaceId'
  | 'serviceId'
  | 'namespace'
  | 'release'
  | 'kind'
  | 'createdBy'
>;

/** What the operator said of a backup. */
export interface BackupProgress {
  status: BackupPhase;
  sizeBytes?: number | null;
  snapshotId?: string | null;
  message?: string | null;
  completedAt?: Date | null;
}

export type RestoreRecord = ServiceRestore & {
  workspaceId: string;
  sourceRelease: string;
};

export type NewRestore = Pick<
  RestoreRecord,
  | 'id'
  | 'backupId'
  | 'workspaceId'
  | 'targetServiceId'
  | 'sourceRelease'
  | 'status'
  | 'createdBy'
>;

/** Statuses a backup or restore is still moving out of. */
const IN_FLIGHT = ['waiting', 'pending', 'running'];

function backupFromRow(row: Record<string, any>): BackupRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    serviceId: row.service_id,
    namespace: row.namespace,
    release: row.release,
    kind: row.kind as BackupKind,
    createdBy: row.created_by,
    status: row.status as BackupPhase,
    sizeBytes:
      row.size_bytes === null || row.size_bytes === undefined
        ? null
        : toNumber(row.size_bytes),
    snapshotId: row.snapshot_id ?? null,
    message: row.message ?? null,
    createdAt: toIso(row.created_at),
    completedAt: toOptionalIso(row.completed_at),
  };
}

function restoreFromRow(row: Record<string, any>): RestoreRecord {
  return {
    id: row.id,
    backupId: row.backup_id,
    workspaceId: row.workspace_id,
    targetServiceId: row.target_service_id,
    sourceRelease: row.source_release,
    status: row.status as RestoreStatus,
    createdBy: row.created_by,
    message: row.message ?? null,
    createdAt: toIso(row.created_at),
    completedAt: toOptionalIso(row.completed_at),
  };
}

/** Backups (table `service_backups`) and restores (`backup_restores`). */
export class BackupStore {
  constructor(private readonly db: Knex) {}

  async insert(backup: NewBackup, now = new Date()): Promise<BackupRecord> {
    await this.db('service_backups').insert({
      id: backup.id,
      workspace_id: backup.workspaceId,
      service_id: backup.serviceId,
      namespace: backup.namespace,
      release: backup.release,
      kind: backup.kind,
      created_by: backup.createdBy,
      status: 'pending',
      created_at: now,
    });
    return (await this.get(backup.id))!;
  }

  async get(id: string): Promise<BackupRecord | undefined> {
    const row = await this.db('service_backups').where({ id }).first();
    return row ? backupFromRow(row) : undefined;
  }

  /** A service's backups, newest first. */
  async listForService(serviceId: string): Promise<BackupRecord[]> {
    const rows = await this.db('service_backups')
      .where({ service_id: serviceId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(backupFromRow);
  }

  /** Backups whose Job has not finished yet, oldest first. */
  async listInFlight(limit: number): Promise<BackupRecord[]> {
    const rows = await this.db('service_backups')
      .whereIn('status', IN_FLIGHT)
      .orderBy('created_at')
      .limit(limit);
    return rows.map(backupFromRow);
  }

  /**
   * Bytes the workspace's backups hold (succeeded ones; restic's size of
   * each snapshot, so shared blocks count once per snapshot: an upper bound).
   */
  async usedBytes(workspaceId: string): Promise<number> {
    const row = await this.db('service_backups')
      .where({ workspace_id: workspaceId, status: 'succeeded' })
      .sum({ total: 'size_bytes' })
      .first();
    return row?.total ? toNumber(row.total) : 0;
  }

  async recordProgress(id: string, progress: BackupProgress): Promise<void> {
    await this.db('service_backups')
      .where({ id })
      .update({
        status: progress.status,
        ...(progress.sizeBytes !== undefined && {
          size_bytes: progress.sizeBytes,
        }),
        ...(progress.snapshotId !== undefined && {
          snapshot_id: progress.snapshotId,
        }),
        ...(progress.message !== undefined && { message: progress.message }),
        ...(progress.completedAt !== undefined && {
          completed_at: progress.completedAt,
        }),
      });
  }

  async remove(id: string): Promise<void> {
    await this.db('service_backups').where({ id }).delete();
  }

  async insertRestore(
    restore: NewRestore,
    now = new Date(),
  ): Promise<RestoreRecord> {
    await this.db('backup_restores').insert({
      id: restore.id,
      backup_id: restore.backupId,
      workspace_id: restore.workspaceId,
      target_service_id: restore.targetServiceId,
      source_release: restore.sourceRelease,
      status: restore.status,
      created_by: restore.createdBy,
      created_at: now,
    });
    return (await this.getRestore(restore.id))!;
  }

  async getRestore(id: string): Promise<RestoreRecord | undefined> {
    const row = await this.db('backup_restores').where({ id }).first();
    return row ? restoreFromRow(row) : undefined;
  }

  async listRestoresInFlight(limit: number): Promise<RestoreRecord[]> {
    const rows = await this.db('backup_restores')
      .whereIn('status', IN_FLIGHT)
      .orderBy('created_at')
      .limit(limit);
    return rows.map(restoreFromRow);
  }

  /** The restore under way into a service, if any. */
  async restoreInFlightFor(
    targetServiceId: string,
  ): Promise<RestoreRecord | undefined> {
    const row = await this.db('backup_restores')
      .where({ target_service_id: targetServiceId })
      .whereIn('status', IN_FLIGHT)
      .first();
    return row ? restoreFromRow(row) : undefined;
  }

  async recordRestore(
    id: string,
    progress: {
      status: RestoreStatus;
      message?: string | null;
      completedAt?: Date | null;
    },
  ): Promise<void> {
    await this.db('backup_restores')
      .where({ id })
      .update({
        status: progress.status,
        ...(progress.message !== undefined && { message: progress.message }),
        ...(progress.completedAt !== undefined && {
          completed_at: progress.completedAt,
        }),
      });
  }
}
