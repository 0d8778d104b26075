import { NotFoundError, NotImplementedError } from '@backstage/errors';
import type {
  CreateRestoreRequest,
  OperatorBackup,
  OperatorRestore,
  ReleaseStatusResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { OperatorBackupApi } from '../operator/OperatorBackupClient';
import {
  WorkspaceNamespaceStub,
  installedRelease,
  runningStatus,
} from './testServices';

/** Releases that install and run at once; backups and restores as the test moves them. */
export class FakeBackupOperator
  extends WorkspaceNamespaceStub
  implements OperatorBackupApi
{
  configured = true;
  releases = new Set<string>();
  backups = new Map<string, OperatorBackup>();
  restores = new Map<string, OperatorRestore>();
  deleted: string[] = [];

  async installRelease(req: { namespace: string; releaseName: string }) {
    this.releases.add(req.releaseName);
    return installedRelease(req);
  }
  async getStatus(namespace: string, releaseName: string) {
    if (!this.releases.has(releaseName)) return undefined;
    return runningStatus(
      namespace,
      releaseName,
    ) as unknown as ReleaseStatusResponse;
  }

  async uninstallRelease(_ns: string, name: string) {
    this.releases.delete(name);
    return { deletedPvcs: [], retainedPvcs: [] };
  }

  private check() {
    if (!this.configured) {
      throw new NotImplementedError(
        'helm-operator start backup: backups are not configured',
      );
    }
  }
  async startBackup(_ns: string, release: string, id: string) {
    this.check();
    const backup: OperatorBackup = {
      id,
      release,
      phase: 'running',
      volumes: ['data'],
    };
    this.backups.set(id, backup);
    return backup;
  }
  async listBackups(_ns: string, release: string) {
    this.check();
    return [...this.backups.values()].filter(b => b.release === release);
  }
  async getBackup(_ns: string, _release: string, id: string) {
    return this.backups.get(id);
  }
  async deleteBackup(_ns: string, _release: string, id: string) {
    this.check();
    this.deleted.push(id);
    this.backups.delete(id);
  }
  async startRestore(_ns: string, release: string, req: CreateRestoreRequest) {
    this.check();
    if (!this.backups.has(req.backupId)) {
      throw new NotFoundError(`backup ${req.backupId} not found`);
    }
    const restore: OperatorRestore = {
      id: req.id,
      backupId: req.backupId,
      sourceRelease: req.sourceRelease ?? release,
      release,
      phase: 'running',
    };
    this.restores.set(req.id, restore);
    return restore;
  }
  async getRestore(_ns: string, _release: string, id: string) {
    return this.restores.get(id);
  }

  /** Every running Job ends as the test says. */
  finishAll(phase: 'succeeded' | 'failed', sizeBytes = 1000) {
    for (const backup of this.backups.values()) {
      if (backup.phase === 'running') {
        Object.assign(backup, {
          phase,
          sizeBytes,
          snapshotId: `snap-${backup.id}`,
          completedAt: '2026-11-30T12:00:00.000Z',
          ...(phase === 'failed' && { message: 'restic: repository locked' }),
        });
      }
    }
    for (const restore of this.restores.values()) {
      if (restore.phase === 'running') restore.phase = phase;
    }
  }
}
