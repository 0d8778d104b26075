import type {
  CreateRestoreRequest,
  OperatorBackup,
  OperatorRestore,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { orUndefined, type OperatorClient } from './OperatorClient';

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

/** The backup routes of the helm-operator, through OperatorClient's ApiClient. */
export class OperatorBackupClient implements OperatorBackupApi {
  constructor(private readonly client: OperatorClient) {}

  async startBackup(namespace: string, name: string, id: string) {
    const { backup } = await this.client.http.call('createBackup', {
      params: { namespace, name },
      body: { id },
    });
    return backup;
  }

  async listBackups(namespace: string, name: string) {
    const { backups } = await this.client.http.call('listBackups', {
      params: { namespace, name },
    });
    return backups;
  }

  async getBackup(namespace: string, name: string, id: string) {
    const answer = await orUndefined(
      this.client.http.call('getBackup', { params: { namespace, name, id } }),
    );
    return answer?.backup;
  }

  async deleteBackup(namespace: string, name: string, id: string) {
    // A backup already gone is what was asked for.
    await orUndefined(
      this.client.http.call('deleteBackup', {
        params: { namespace, name, id },
      }),
    );
  }

  async startRestore(
    namespace: string,
    name: string,
    request: CreateRestoreRequest,
  ) {
    const { restore } = await this.client.http.call('createRestore', {
      params: { namespace, name },
      body: request,
    });
    return restore;
  }

  async getRestore(namespace: string, name: string, id: string) {
    const answer = await orUndefined(
      this.client.http.call('getRestore', { params: { namespace, name, id } }),
    );
    return answer?.restore;
  }
}
