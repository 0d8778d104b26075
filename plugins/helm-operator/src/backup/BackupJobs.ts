import {
  PatchStrategy,
  setHeaderOptions,
  V1Job,
  V1Pod,
} from '@kubernetes/client-node';
import { ConflictError } from '@backstage/errors';
import { KubeClients } from '../kube/KubeClients';
import { isConflict, isNotFound, kubeErrorToSafe } from '../kube/kubeErrors';
import { BACKUP_JOB_LABEL, BACKUP_RELEASE_LABEL, JobKind } from './resticJobs';

/** client-node's options for a JSON merge patch. */
export const MERGE_PATCH = setHeaderOptions(
  'Content-Type',
  PatchStrategy.MergePatch,
);

/** The backup, restore and forget Jobs of a namespace, and their pods: the Kubernetes calls, nothing else. */
export class BackupJobs {
  constructor(private readonly kube: KubeClients) {}

  /** Creates the Job; 409 naming `what` when one of that name exists. */
  async create(job: V1Job, what: string): Promise<V1Job> {
    const namespace = job.metadata!.namespace!;
    try {
      return await this.kube.batch.createNamespacedJob({
        namespace,
        body: job,
      });
    } catch (e) {
      if (isConflict(e)) throw new ConflictError(`${what} already exists`);
      throw kubeErrorToSafe(e, `Creating the Job of ${what}`);
    }
  }

  async get(namespace: string, name: string): Promise<V1Job | undefined> {
    try {
      return await this.kube.batch.readNamespacedJob({ name, namespace });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw kubeErrorToSafe(e, `Reading Job "${name}"`);
    }
  }

  /** The Jobs of one kind of a release, newest first. */
  async list(
    namespace: string,
    kind: JobKind,
    release: string,
  ): Promise<V1Job[]> {
    const jobs = await this.kube.batch
      .listNamespacedJob({
        namespace,
        labelSelector: `${BACKUP_JOB_LABEL}=${kind},${BACKUP_RELEASE_LABEL}=${release}`,
      })
      .catch(e => Promise.reject(kubeErrorToSafe(e, 'Listing backup Jobs')));
    const created = (j: V1Job) =>
      new Date(j.metadata?.creationTimestamp ?? 0).getTime();
    return jobs.items.sort((a, b) => created(b) - created(a));
  }

  /** The Job's (single, backoffLimit 0) pod, if it still exists. */
  async podOf(job: V1Job): Promise<V1Pod | undefined> {
    const pods = await this.kube.core
      .listNamespacedPod({
        namespace: job.metadata!.namespace!,
        labelSelector: `batch.kubernetes.io/job-name=${job.metadata!.name}`,
      })
      .catch(e => Promise.reject(kubeErrorToSafe(e, 'Listing Job pods')));
    return pods.items[0];
  }

  async patch(
    job: V1Job,
    body: {
      metadata?: { annotations: Record<string, string | null> };
      spec?: { suspend: boolean };
    },
  ): Promise<V1Job> {
    const name = job.metadata!.name!;
    return this.kube.batch
      .patchNamespacedJob(
        { name, namespace: job.metadata!.namespace!, body },
        MERGE_PATCH,
      )
      .catch(e => Promise.reject(kubeErrorToSafe(e, `Updating Job "${name}"`)));
  }

  /** Deletes the Job and its pods. */
  async delete(job: V1Job): Promise<void> {
    const name = job.metadata!.name!;
    try {
      await this.kube.batch.deleteNamespacedJob({
        name,
        namespace: job.metadata!.namespace!,
        propagationPolicy: 'Background',
      });
    } catch (e) {
      if (!isNotFound(e)) throw kubeErrorToSafe(e, `Deleting Job "${name}"`);
    }
  }
}
