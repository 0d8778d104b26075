import {
  backupListResponseSchema,
  backupResponseSchema,
  restoreResponseSchema,
  type CreateRestoreRequest,
  type OperatorBackup,
  type OperatorRestore,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { z } from 'zod';
import { releasePath, type OperatorClient } from './OperatorClient';

/**
 * What this plugin needs from the helm-operator's backup routes (one
 * method per route). Every call throws NotImplementedError (501) when the
 * operator has no backup storage configured (see isBackupsNotConfigured).
 */
export interface OperatorBackupApi {
  startBackup(
    namespace: string,
    release: string,
    id: string,
  ): Promise<OperatorBackup>;
  /** The release's backups, also after the release is gone. */
  listBackups(namespace: string, release: string): Promise<OperatorBackup[]>;
  /** undefined when the operator knows no such backup. */
  getBackup(
    namespace: string,
    release: string,
    id: string,
  ): Promise<OperatorBackup | undefined>;
  /** Forgets the snapshot (asynchronously, through a Job); a missing one is fine. */
  deleteBackup(namespace: string, release: string, id: string): Promise<void>;
  startRestore(
    namespace: string,
    release: string,
    request: CreateRestoreRequest,
  ): Promise<OperatorRestore>;
  /** undefined when the operator knows no such restore. */
  getRestore(
    namespace: string,
    release: string,
    id: string,
  ): Promise<OperatorRestore | undefined>;
}

/** True for the operator's 501: no backup storage configured there. */
export function isBackupsNotConfigured(error: unknown): boolean {
  return (error as Error)?.name === 'NotImplementedError';
}

function isNotFound(error: unknown): boolean {
  return (error as Error)?.name === 'NotFoundError';
}

/** The backup routes of the helm-operator, through OperatorClient's transport. */
export class OperatorBackupClient implements OperatorBackupApi {
  constructor(private readonly client: OperatorClient) {}

  async startBackup(namespace: string, release: string, id: string) {
    const { backup } = await this.client.call(
      'POST',
      `${releasePath(namespace, release)}/backups`,
      backupResponseSchema,
      { body: { id }, what: 'start backup' },
    );
    return backup;
  }

  async listBackups(namespace: string, release: string) {
    const { backups } = await this.client.call(
      'GET',
      `${releasePath(namespace, release)}/backups`,
      backupListResponseSchema,
      { what: 'list backups', timeoutMs: 30_000 },
    );
    return backups;
  }

  async getBackup(namespace: string, release: string, id: string) {
    try {
      const { backup } = await this.client.call(
        'GET',
        `${releasePath(namespace, release)}/backups/${encodeURIComponent(id)}`,
        backupResponseSchema,
        { what: 'read backup', timeoutMs: 30_000 },
      );
      return backup;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async deleteBackup(namespace: string, release: string, id: string) {
    try {
      await this.client.call(
        'DELETE',
        `${releasePath(namespace, release)}/backups/${encodeURIComponent(id)}`,
        z.unknown(),
        { what: 'delete backup' },
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async startRestore(
    namespace: string,
    release: string,
    request: CreateRestoreRequest,
  ) {
    const { restore } = await this.client.call(
      'POST',
      `${releasePath(namespace, release)}/restores`,
      restoreResponseSchema,
      { body: request, what: 'start restore' },
    );
    return restore;
  }

  async getRestore(namespace: string, release: string, id: string) {
    try {
      const { restore } = await this.client.call(
        'GET',
        `${releasePath(namespace, release)}/restores/${encodeURIComponent(id)}`,
        restoreResponseSchema,
        { what: 'read restore', timeoutMs: 30_000 },
      );
      return restore;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}
