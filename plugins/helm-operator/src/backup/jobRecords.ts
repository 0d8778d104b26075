import { V1Job, V1Pod } from '@kubernetes/client-node';
import {
  BackupPhase,
  OperatorBackup,
  OperatorRestore,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { sanitizeMessage } from '../sanitize';
import {
  BACKUP_ID_LABEL,
  BACKUP_RELEASE_LABEL,
  RESTIC_CONTAINER,
  RESTORE_ID_LABEL,
  RESULT_ANNOTATION,
  SCALED_BACK_ANNOTATION,
  SOURCE_RELEASE_ANNOTATION,
  VOLUMES_ANNOTATION,
  VolumeKey,
} from './resticJobs';

// Job (and its pod) -> the wire shapes. Pure functions: the BackupManager
// reads the objects, these say what they mean.

/** What a finished backup pod reported (restic's summary). */
export interface BackupResult {
  snapshotId: string;
  sizeBytes: number;
}

function condition(job: V1Job, type: string) {
  return job.status?.conditions?.find(
    c => c.type === type && c.status === 'True',
  );
}

export function jobPhase(job: V1Job): BackupPhase {
  if (condition(job, 'Complete')) return 'succeeded';
  if (condition(job, 'Failed')) return 'failed';
  if (job.spec?.suspend || !job.status?.startTime) return 'pending';
  return 'running';
}

export function jobFinished(job: V1Job): boolean {
  const phase = jobPhase(job);
  return phase === 'succeeded' || phase === 'failed';
}

function iso(value: Date | string | undefined): string | undefined {
  if (!value) return undefined;
  return new Date(value).toISOString();
}

function completedAt(job: V1Job): string | undefined {
  return iso(
    job.status?.completionTime ?? condition(job, 'Failed')?.lastTransitionTime,
  );
}

/** The termination message of the restic container of a Job's pod, if it ended. */
export function terminationMessage(pod: V1Pod | undefined): string | undefined {
  const status = pod?.status?.containerStatuses?.find(
    s => s.name === RESTIC_CONTAINER,
  );
  return status?.state?.terminated?.message ?? undefined;
}

/** restic's backup summary (`--json`, message_type summary) as a result; undefined if it is not one. */
export function parseBackupSummary(
  message: string | undefined,
): BackupResult | undefined {
  try {
    const summary = JSON.parse(message ?? '');
    if (
      summary?.message_type === 'summary' &&
      typeof summary.snapshot_id === 'string' &&
      typeof summary.total_bytes_processed === 'number'
    )
      return {
        snapshotId: summary.snapshot_id,
        sizeBytes: summary.total_bytes_processed,
      };
  } catch {
    /* not JSON: an error line */
  }
  return undefined;
}

export function recordedResult(job: V1Job): BackupResult | undefined {
  const text = job.metadata?.annotations?.[RESULT_ANNOTATION];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as BackupResult;
  } catch {
    return undefined;
  }
}

export function recordedVolumes(job: V1Job): VolumeKey[] {
  try {
    return JSON.parse(job.metadata?.annotations?.[VOLUMES_ANNOTATION] ?? '[]');
  } catch {
    return [];
  }
}

/** restic's error: its last stderr line, a JSON `exit_error` with `--json`. */
function resticError(message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (!message.startsWith('{')) return message;
  try {
    const parsed = JSON.parse(message);
    if (parsed?.message_type === 'exit_error' && parsed.message)
      return String(parsed.message);
  } catch {
    /* not JSON after all */
  }
  return undefined;
}

/** Why a Job failed, in words a user may read (restic's error, cleaned). */
export function failureMessage(job: V1Job, pod: V1Pod | undefined): string {
  const restic = resticError(terminationMessage(pod));
  if (restic) return sanitizeMessage(restic);
  const failed = condition(job, 'Failed');
  return sanitizeMessage(
    failed?.message ?? failed?.reason ?? 'the Job failed without a message',
  );
}

export function toOperatorBackup(
  job: V1Job,
  pod: V1Pod | undefined,
): OperatorBackup {
  let phase = jobPhase(job);
  const result =
    recordedResult(job) ?? parseBackupSummary(terminationMessage(pod));
  let message: string | undefined;
  if (phase === 'failed') message = failureMessage(job, pod);
  // A Job that "succeeded" without restic's summary did not back anything up
  // (e.g. a simulated node that runs no container).
  if (phase === 'succeeded' && !result) {
    phase = 'failed';
    message = 'the backup Job finished but its pod left no restic summary';
  }
  return {
    id: job.metadata!.labels![BACKUP_ID_LABEL],
    release: job.metadata!.labels![BACKUP_RELEASE_LABEL],
    phase,
    startedAt: iso(job.status?.startTime),
    completedAt: completedAt(job),
    ...(phase === 'succeeded' && result
      ? { snapshotId: result.snapshotId, sizeBytes: result.sizeBytes }
      : {}),
    volumes: recordedVolumes(job).map(v => v.pvc),
    ...(message ? { message } : {}),
  };
}

/** A restore is over once its Job finished and the release's workloads are scaled back. */
export function toOperatorRestore(
  job: V1Job,
  pod: V1Pod | undefined,
): OperatorRestore {
  const jobDone = jobFinished(job);
  const scaledBack = job.metadata?.annotations?.[SCALED_BACK_ANNOTATION];
  const phase = jobDone && !scaledBack ? 'running' : jobPhase(job);
  return {
    id: job.metadata!.labels![RESTORE_ID_LABEL],
    backupId: job.metadata!.labels![BACKUP_ID_LABEL],
    sourceRelease: job.metadata!.annotations![SOURCE_RELEASE_ANNOTATION],
    release: job.metadata!.labels![BACKUP_RELEASE_LABEL],
    phase,
    startedAt: iso(job.status?.startTime),
    completedAt: completedAt(job),
    ...(phase === 'failed' ? { message: failureMessage(job, pod) } : {}),
  };
}
