import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { V1Job } from '@kubernetes/client-node';
import { OperatorBackup } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { ReleaseCache } from '../cache/ReleaseCache';
import { UnprocessableError } from '../errors';
import { FencedRelease } from '../fence';
import { parseManifest } from '../kube/manifest';
import { ReleaseVolumes } from '../kube/ReleaseVolumes';
import { BackupCredentials } from './BackupCredentials';
import { BackupJobs } from './BackupJobs';
import { BackupOptions } from './backupOptions';
import {
  jobFinished,
  jobPhase,
  recordedResult,
  toOperatorBackup,
} from './jobRecords';
import { JobWatch } from './JobWatch';
import { ReleaseWorkloads } from './ReleaseWorkloads';
import {
  BACKUP_ID_LABEL,
  BACKUP_RELEASE_LABEL,
  backupJob,
  DELETING_ANNOTATION,
  forgetJob,
  jobBasics,
  jobName,
  RESULT_ANNOTATION,
  volumeKeys,
} from './resticJobs';

export interface BackupManagerDeps {
  options: BackupOptions;
  jobs: BackupJobs;
  credentials: BackupCredentials;
  releases: ReleaseCache;
  volumes: ReleaseVolumes;
  workloads: ReleaseWorkloads;
  watch: JobWatch;
  logger: LoggerService;
}

/**
 * Backups of a release's volumes: a restic Job per backup (kept as the
 * backup's record, so backups outlive their release), a forget Job per
 * deletion. No helm process: the release's manifest comes from the cache.
 */
export class BackupManager {
  constructor(private readonly deps: BackupManagerDeps) {}

  /** The PVCs of the release now; 422 when it has none (nothing to back up or restore into). */
  async releaseVolumes(ref: FencedRelease) {
    const objects = parseManifest(this.deps.releases.latest(ref).manifest);
    const pvcs = await this.deps.volumes.list(ref, objects);
    if (!pvcs.length)
      throw new UnprocessableError(
        `Release "${ref.releaseName}" has no persistent volume (PVC): there is no data to back up or restore`,
      );
    return { objects, pvcs };
  }

  async create(ref: FencedRelease, id: string): Promise<OperatorBackup> {
    const { pvcs } = await this.releaseVolumes(ref);
    const { options, jobs, credentials, workloads } = this.deps;
    await credentials.ensure(ref.namespace);
    const job = await jobs.create(
      backupJob({
        ...jobBasics(options, ref, id),
        volumes: volumeKeys(ref.releaseName, pvcs),
        placement: await workloads.placement(ref.namespace, pvcs),
      }),
      `Backup "${id}"`,
    );
    this.deps.logger.info(
      `backup ${id} of ${ref.namespace}/${ref.releaseName} started (${pvcs.join(
        ', ',
      )})`,
    );
    return toOperatorBackup(job, undefined);
  }

  /** The release's backups (also after it was uninstalled), newest first. */
  async list(ref: FencedRelease): Promise<OperatorBackup[]> {
    const all = await this.deps.jobs.list(
      ref.namespace,
      'backup',
      ref.releaseName,
    );
    const deleting = (j: V1Job) =>
      !!j.metadata?.annotations?.[DELETING_ANNOTATION];
    this.resumeDeletions(all.filter(deleting));
    const shown = all.filter(j => !deleting(j));
    return Promise.all(shown.map(j => this.read(j)));
  }

  async get(ref: FencedRelease, id: string): Promise<OperatorBackup> {
    return this.read(await this.backupJob(ref, id));
  }

  /** The backup's Job; 404 when the release has no such backup (or it is being deleted). */
  async backupJob(ref: FencedRelease, id: string): Promise<V1Job> {
    const job = await this.deps.jobs.get(ref.namespace, jobName('backup', id));
    if (
      !job ||
      job.metadata?.labels?.[BACKUP_RELEASE_LABEL] !== ref.releaseName ||
      job.metadata?.annotations?.[DELETING_ANNOTATION]
    )
      throw new NotFoundError(
        `Release "${ref.releaseName}" has no backup "${id}"`,
      );
    return job;
  }

  /**
   * The backup as the wire shape; a finished backup's result is copied from
   * its pod's termination message onto the Job, which outlives the pod.
   */
  private async read(job: V1Job): Promise<OperatorBackup> {
    if (recordedResult(job)) return toOperatorBackup(job, undefined);
    const pod = jobFinished(job) ? await this.deps.jobs.podOf(job) : undefined;
    const backup = toOperatorBackup(job, pod);
    if (backup.phase === 'succeeded') {
      const result = {
        snapshotId: backup.snapshotId,
        sizeBytes: backup.sizeBytes,
      };
      await this.deps.jobs.patch(job, {
        metadata: {
          annotations: { [RESULT_ANNOTATION]: JSON.stringify(result) },
        },
      });
    }
    return backup;
  }

  /**
   * Deletes a backup: a forget Job removes its snapshot from the repository
   * (restic forget --prune); the backup leaves the list at once and its Job
   * goes when the forget Job succeeded. A failed backup has no snapshot: its
   * Job just goes.
   */
  async delete(ref: FencedRelease, id: string): Promise<void> {
    const job = await this.backupJob(ref, id);
    const backup = await this.read(job);
    const { jobs, options, credentials } = this.deps;
    if (!backup.snapshotId) {
      if (!jobFinished(job))
        throw new UnprocessableError(
          `Backup "${id}" is still ${backup.phase}: delete it once it has finished`,
        );
      await jobs.delete(job);
      return;
    }
    await credentials.ensure(ref.namespace);
    const spec = job.spec!.template.spec!;
    const forget = await jobs.create(
      forgetJob({
        ...jobBasics(options, ref, id),
        snapshotId: backup.snapshotId,
        // Where the backup ran: a node that runs containers.
        placement: {
          nodeName:
            spec.affinity?.nodeAffinity
              ?.requiredDuringSchedulingIgnoredDuringExecution
              ?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0],
          tolerations: spec.tolerations,
        },
      }),
      `The deletion of backup "${id}"`,
    );
    await jobs.patch(job, {
      metadata: { annotations: { [DELETING_ANNOTATION]: 'true' } },
    });
    void this.deps.watch.untilFinished(forget, done =>
      this.finishDeletion(job, done),
    );
  }

  /** After the forget Job: the backup goes, or (it failed) shows again. */
  private async finishDeletion(backup: V1Job, forget: V1Job): Promise<void> {
    const { jobs, logger } = this.deps;
    const what = `backup ${backup.metadata!.name} of ${
      backup.metadata!.namespace
    }`;
    if (jobPhase(forget) === 'succeeded') {
      await jobs.delete(backup);
      logger.info(`${what} deleted`);
    } else {
      // The snapshot is still there: the backup is listed again.
      await jobs.patch(backup, {
        metadata: { annotations: { [DELETING_ANNOTATION]: null } },
      });
      logger.warn(`deleting ${what} failed; it is listed again`);
    }
    if (forget.metadata) await jobs.delete(forget);
  }

  /** Deletions an earlier process started and did not see end (it stopped meanwhile). */
  private resumeDeletions(deleting: V1Job[]): void {
    for (const backup of deleting) {
      const id = backup.metadata!.labels![BACKUP_ID_LABEL];
      void this.deps.jobs
        .get(backup.metadata!.namespace!, jobName('forget', id))
        .then(forget =>
          forget
            ? this.deps.watch.untilFinished(forget, done =>
                this.finishDeletion(backup, done),
              )
            : this.finishDeletion(backup, { status: {} }),
        )
        .catch(e =>
          this.deps.logger.error(
            `resuming deletion of backup ${id}: ${e.message}`,
          ),
        );
    }
  }
}
