import { V1Job, V1Toleration } from '@kubernetes/client-node';
import { managedLabels } from '../kube/labels';
import { BackupOptions } from './backupOptions';

// The Kubernetes Jobs of backups (the k8up way): one Job per backup, restore
// or deletion, in the release's namespace, running restic through the backup
// image's entrypoint (woow-restic), which leaves restic's JSON summary as the
// container's termination message. Backup Jobs are kept: they are the
// records of the backups (labels, annotations), and outlive the release.

export const BACKUP_ID_LABEL = 'woow.dev/backup-id';
export const RESTORE_ID_LABEL = 'woow.dev/restore-id';
export const BACKUP_RELEASE_LABEL = 'woow.dev/release';
/** `backup`, `restore` or `forget`. */
export const BACKUP_JOB_LABEL = 'woow.dev/backup-job';
/** Restore Jobs: the release the backup was taken of. */
export const SOURCE_RELEASE_ANNOTATION = 'woow.dev/source-release';
/** Backup Jobs: `[{ pvc, key }]`, the volumes and their folder in the snapshot. */
export const VOLUMES_ANNOTATION = 'woow.dev/backup-volumes';
/** Backup Jobs: `{ snapshotId, sizeBytes }` once read from the finished pod. */
export const RESULT_ANNOTATION = 'woow.dev/backup-result';
/** Restore Jobs: `[{ kind, name, replicas }]`, the workloads stopped for the restore. */
export const SCALED_ANNOTATION = 'woow.dev/restore-scaled';
/** Restore Jobs: set once those workloads run again (the restore is over). */
export const SCALED_BACK_ANNOTATION = 'woow.dev/restore-scaled-back';
/** Backup Jobs: set when a deletion (forget Job) was asked for. */
export const DELETING_ANNOTATION = 'woow.dev/backup-deleting';

/** The Secret (in each workspace namespace) the Jobs read the repository and its credentials from. */
export const CREDENTIALS_SECRET = 'woow-backup-restic';
const CONTAINER = 'restic';
/** Where the volumes are mounted: `/data/<key>`; the snapshot holds `/data`. */
const DATA_ROOT = '/data';
const SCRATCH = '/scratch';
const RESTIC_FLAGS = ['--json', '--no-cache', '--retry-lock', '2m'];

export type JobKind = 'backup' | 'restore' | 'forget';

export function jobName(kind: JobKind, id: string): string {
  return `woow-${kind}-${id}`;
}

/** A PVC and its folder in the snapshot. */
export interface VolumeKey {
  pvc: string;
  key: string;
}

/**
 * The folder of a PVC in the snapshot: its name with the release's name
 * replaced by `release`, so that the same chart's PVC of another release
 * (restore as a new service) has the same key.
 */
export function volumeKeys(release: string, pvcs: string[]): VolumeKey[] {
  return pvcs.map(pvc => ({ pvc, key: pvc.split(release).join('release') }));
}

/** Where the Job must run: the node holding the volumes, with the tolerations of the pods there. */
export interface JobPlacement {
  nodeName?: string;
  tolerations?: V1Toleration[];
}

export interface ResticJobSpec {
  kind: JobKind;
  id: string;
  namespace: string;
  release: string;
  image: string;
  imagePullPolicy: string;
  /** activeDeadlineSeconds: counted from the Job's start (or its resumption). */
  timeoutSeconds: number;
  args: string[];
  volumes: VolumeKey[];
  placement: JobPlacement;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Created suspended: a restore waits for the release's pods to stop. */
  suspend?: boolean;
}

function resticJob(spec: ResticJobSpec): V1Job {
  const idLabel = spec.kind === 'restore' ? RESTORE_ID_LABEL : BACKUP_ID_LABEL;
  const labels = managedLabels({
    ...spec.labels,
    [idLabel]: spec.id,
    [BACKUP_RELEASE_LABEL]: spec.release,
    [BACKUP_JOB_LABEL]: spec.kind,
  });
  const { nodeName, tolerations } = spec.placement;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(spec.kind, spec.id),
      namespace: spec.namespace,
      labels,
      annotations: spec.annotations,
    },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: spec.timeoutSeconds,
      suspend: spec.suspend ?? false,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          ...(nodeName
            ? {
                affinity: {
                  nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerms: [
                        {
                          matchFields: [
                            {
                              key: 'metadata.name',
                              operator: 'In',
                              values: [nodeName],
                            },
                          ],
                        },
                      ],
                    },
                  },
                },
              }
            : {}),
          ...(tolerations?.length ? { tolerations } : {}),
          containers: [
            {
              name: CONTAINER,
              image: spec.image,
              imagePullPolicy: spec.imagePullPolicy,
              args: spec.args,
              envFrom: [{ secretRef: { name: CREDENTIALS_SECRET } }],
              // restic writes pack files to TMPDIR before uploading them.
              env: [{ name: 'TMPDIR', value: SCRATCH }],
              terminationMessagePolicy: 'File',
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: '1', memory: '1Gi' },
              },
              volumeMounts: [
                { name: 'scratch', mountPath: SCRATCH },
                ...spec.volumes.map((v, i) => ({
                  name: `volume-${i}`,
                  mountPath: `${DATA_ROOT}/${v.key}`,
                })),
              ],
            },
          ],
          volumes: [
            { name: 'scratch', emptyDir: {} },
            ...spec.volumes.map((v, i) => ({
              name: `volume-${i}`,
              persistentVolumeClaim: { claimName: v.pvc },
            })),
          ],
        },
      },
    },
  };
}

type JobInput = Omit<ResticJobSpec, 'kind' | 'args'>;

/** What every Job of a release's backups shares: id, place, image and time limit. */
export function jobBasics(
  options: Pick<
    BackupOptions,
    'image' | 'imagePullPolicy' | 'jobTimeoutSeconds'
  >,
  ref: { namespace: string; releaseName: string },
  id: string,
) {
  return {
    id,
    namespace: ref.namespace,
    release: ref.releaseName,
    image: options.image,
    imagePullPolicy: options.imagePullPolicy,
    timeoutSeconds: options.jobTimeoutSeconds,
  };
}

/** restic backup of the release's volumes into the namespace's repository (created on first use). */
export function backupJob(input: JobInput): V1Job {
  return resticJob({
    ...input,
    kind: 'backup',
    args: [
      '--init',
      'backup',
      ...RESTIC_FLAGS,
      '--host',
      input.release,
      '--tag',
      `woow-backup=${input.id}`,
      DATA_ROOT,
    ],
    annotations: {
      ...input.annotations,
      [VOLUMES_ANNOTATION]: JSON.stringify(input.volumes),
    },
  });
}

/**
 * restic restore of a snapshot's `/data` into the volumes mounted at the same
 * keys: files the snapshot lacks are deleted (`--delete`), so the volumes end
 * up exactly as backed up.
 */
export function restoreJob(
  input: JobInput & {
    snapshotId: string;
    sourceRelease: string;
    backupId: string;
  },
): V1Job {
  const { snapshotId, sourceRelease, backupId, ...rest } = input;
  return resticJob({
    ...rest,
    kind: 'restore',
    labels: { ...rest.labels, [BACKUP_ID_LABEL]: backupId },
    args: [
      'restore',
      `${snapshotId}:${DATA_ROOT}`,
      ...RESTIC_FLAGS,
      '--target',
      DATA_ROOT,
      '--delete',
    ],
    annotations: {
      ...rest.annotations,
      [SOURCE_RELEASE_ANNOTATION]: sourceRelease,
    },
  });
}

/** restic forget --prune of one snapshot: the backup's data leaves the repository. */
export function forgetJob(
  input: Omit<JobInput, 'volumes'> & { snapshotId: string },
): V1Job {
  const { snapshotId, ...rest } = input;
  return resticJob({
    ...rest,
    volumes: [],
    kind: 'forget',
    args: ['forget', ...RESTIC_FLAGS, '--prune', snapshotId],
  });
}

/** The container's termination message of a finished Job pod (woow-restic writes it). */
export const RESTIC_CONTAINER = CONTAINER;
