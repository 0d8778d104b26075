import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { V1Job } from '@kubernetes/client-node';
import {
  CreateRestoreRequest,
  OperatorRestore,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { UnprocessableError } from '../errors';
import { FencedRelease } from '../fence';
import { BackupCredentials } from './BackupCredentials';
import { BackupJobs } from './BackupJobs';
import { BackupManager } from './BackupManager';
import { BackupOptions } from './backupOptions';
import { jobFinished, recordedVolumes, toOperatorRestore } from './jobRecords';
import { JobWatch, pause } from './JobWatch';
import { ReleaseWorkloads, ScaledWorkload } from './ReleaseWorkloads';
import {
  BACKUP_RELEASE_LABEL,
  jobBasics,
  jobName,
  restoreJob,
  SCALED_ANNOTATION,
  SCALED_BACK_ANNOTATION,
  VolumeKey,
  volumeKeys,
} from './resticJobs';

export interface RestoreManagerDeps {
  options: BackupOptions;
  backups: BackupManager;
  jobs: BackupJobs;
  credentials: BackupCredentials;
  workloads: ReleaseWorkloads;
  watch: JobWatch;
  logger: LoggerService;
  /** Between checks that the release's pods have stopped. */
  intervalMs?: number;
}

/** The target's volumes for each folder of the backup; 422 naming a folder the target lacks. */
function targetVolumes(
  backedUp: VolumeKey[],
  target: VolumeKey[],
  release: string,
): VolumeKey[] {
  return backedUp.map(source => {
    const match = target.find(t => t.key === source.key);
    if (!match)
      throw new UnprocessableError(
        `Release "${release}" has no volume matching "${
          source.pvc
        }" of the backup (its volumes: ${target.map(t => t.pvc).join(', ')})`,
      );
    return match;
  });
}

/**
 * Restores a backup into a release's volumes: the release's workloads are
 * scaled to 0, a restic restore Job (created suspended) runs once no pod
 * uses the volumes, then the workloads get their replicas back. What was
 * stopped is written on the Job, so a restarted operator finishes the work.
 */
export class RestoreManager {
  /** Restores this process is carrying out (one run per Job). */
  private readonly active = new Set<string>();

  constructor(private readonly deps: RestoreManagerDeps) {}

  async create(
    ref: FencedRelease,
    req: CreateRestoreRequest,
  ): Promise<OperatorRestore> {
    const { backups, jobs, credentials, workloads, options } = this.deps;
    const sourceRelease = req.sourceRelease ?? ref.releaseName;
    const source = { namespace: ref.namespace, releaseName: sourceRelease };
    const backupJob = await backups.backupJob(source, req.backupId);
    const backup = await backups.get(source, req.backupId);
    const snapshotId = backup.snapshotId;
    if (backup.phase !== 'succeeded' || !snapshotId)
      throw new UnprocessableError(
        `Backup "${req.backupId}" is ${backup.phase}: only a succeeded backup can be restored`,
      );
    const { objects, pvcs } = await backups.releaseVolumes(ref);
    const volumes = targetVolumes(
      recordedVolumes(backupJob),
      volumeKeys(ref.releaseName, pvcs),
      ref.releaseName,
    );
    await credentials.ensure(ref.namespace);
    // Where the volumes are, read while the release's pods still run there.
    const placement = await workloads.placement(
      ref.namespace,
      volumes.map(v => v.pvc),
    );
    let job = await jobs.create(
      restoreJob({
        ...jobBasics(options, ref, req.id),
        backupId: req.backupId,
        sourceRelease,
        snapshotId,
        volumes,
        placement,
        suspend: true,
      }),
      `Restore "${req.id}"`,
    );
    const scaled = await workloads.stop(ref.namespace, objects);
    job = await jobs.patch(job, {
      metadata: {
        annotations: { [SCALED_ANNOTATION]: JSON.stringify(scaled) },
      },
    });
    this.deps.logger.info(
      `restore ${req.id} of backup ${req.backupId} (${sourceRelease}) into ${ref.namespace}/${ref.releaseName} started`,
    );
    void this.run(job);
    return toOperatorRestore(job, undefined);
  }

  async get(ref: FencedRelease, id: string): Promise<OperatorRestore> {
    const job = await this.deps.jobs.get(ref.namespace, jobName('restore', id));
    if (
      !job ||
      job.metadata?.labels?.[BACKUP_RELEASE_LABEL] !== ref.releaseName
    )
      throw new NotFoundError(
        `Release "${ref.releaseName}" has no restore "${id}"`,
      );
    // A restore an earlier process left unfinished goes on here.
    if (!job.metadata?.annotations?.[SCALED_BACK_ANNOTATION])
      void this.run(job);
    const pod = jobFinished(job) ? await this.deps.jobs.podOf(job) : undefined;
    return toOperatorRestore(job, pod);
  }

  /** Waits for the volumes to be free, lets the Job run, scales back. Idempotent. */
  private async run(job: V1Job): Promise<void> {
    const { jobs, workloads, watch, logger } = this.deps;
    const namespace = job.metadata!.namespace!;
    const key = `${namespace}/${job.metadata!.name}`;
    if (this.active.has(key)) return;
    this.active.add(key);
    const scaled: ScaledWorkload[] = JSON.parse(
      job.metadata?.annotations?.[SCALED_ANNOTATION] ?? '[]',
    );
    const pvcs = (job.spec?.template.spec?.volumes ?? [])
      .map(v => v.persistentVolumeClaim?.claimName)
      .filter((n): n is string => !!n);
    try {
      let current = job;
      if (current.spec?.suspend) {
        while (await workloads.volumesInUse(namespace, pvcs))
          await pause(this.deps.intervalMs ?? 1000);
        current = await jobs.patch(current, { spec: { suspend: false } });
      }
      await watch.untilFinished(current, async finished => {
        await workloads.start(namespace, scaled);
        await jobs.patch(finished, {
          metadata: { annotations: { [SCALED_BACK_ANNOTATION]: 'true' } },
        });
        logger.info(
          `restore ${finished.metadata!.name} finished; workloads scaled back`,
        );
      });
    } catch (e) {
      logger.error(`restore ${job.metadata!.name}: ${(e as Error).message}`);
    } finally {
      this.active.delete(key);
    }
  }
}
