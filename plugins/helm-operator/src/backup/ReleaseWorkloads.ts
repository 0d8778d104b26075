import { V1Pod } from '@kubernetes/client-node';
import { KubeClients } from '../kube/KubeClients';
import { kubeErrorToSafe } from '../kube/kubeErrors';
import { ManifestObject, objectsOfKind } from '../kube/manifest';
import { MERGE_PATCH } from './BackupJobs';
import { JobPlacement } from './resticJobs';

/** A workload of the release and the replicas it had before a restore stopped it. */
export interface ScaledWorkload {
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  replicas: number;
}

function mountsAny(pod: V1Pod, pvcs: Set<string>): boolean {
  return (pod.spec?.volumes ?? []).some(
    v => v.persistentVolumeClaim && pvcs.has(v.persistentVolumeClaim.claimName),
  );
}

/**
 * The release's Deployments and StatefulSets (from its manifest) and the pods
 * using its volumes: what a restore stops and starts again, and where a
 * backup Job must run to reach the volumes.
 */
export class ReleaseWorkloads {
  constructor(private readonly kube: KubeClients) {}

  /** Pods mounting any of the PVCs and not finished (terminating ones included: they may still write). */
  private async podsUsing(namespace: string, pvcs: string[]): Promise<V1Pod[]> {
    const wanted = new Set(pvcs);
    const pods = await this.kube.core
      .listNamespacedPod({ namespace })
      .catch(e => Promise.reject(kubeErrorToSafe(e, 'Listing pods')));
    return pods.items.filter(
      p =>
        mountsAny(p, wanted) &&
        p.status?.phase !== 'Succeeded' &&
        p.status?.phase !== 'Failed',
    );
  }

  /**
   * The node of the pods using the volumes (their data lives there on
   * node-local storage) and those pods' tolerations (a tainted node, e.g. the
   * test environment's real node, admits only pods that tolerate it). No pod:
   * no constraint.
   */
  async placement(namespace: string, pvcs: string[]): Promise<JobPlacement> {
    const pod = (await this.podsUsing(namespace, pvcs)).find(
      p => p.spec?.nodeName && !p.metadata?.deletionTimestamp,
    );
    if (!pod) return {};
    return {
      nodeName: pod.spec!.nodeName,
      tolerations: pod.spec!.tolerations?.filter(
        // The defaults every pod gets (not-ready/unreachable) are added again by the API server.
        t => !t.key?.startsWith('node.kubernetes.io/'),
      ),
    };
  }

  /** Whether any pod still mounts one of the volumes (a restore waits until none does). */
  async volumesInUse(namespace: string, pvcs: string[]): Promise<boolean> {
    return (await this.podsUsing(namespace, pvcs)).length > 0;
  }

  /** Scales the manifest's Deployments and StatefulSets to 0; returns what they had. */
  async stop(
    namespace: string,
    objects: ManifestObject[],
  ): Promise<ScaledWorkload[]> {
    const scaled: ScaledWorkload[] = [];
    for (const o of objectsOfKind(objects, 'Deployment', 'StatefulSet')) {
      const kind = o.kind as ScaledWorkload['kind'];
      const name = o.metadata.name;
      const live = await this.read(kind, name, namespace);
      scaled.push({ kind, name, replicas: live.spec?.replicas ?? 1 });
      await this.scale({ kind, name, replicas: 0 }, namespace);
    }
    return scaled;
  }

  /** Gives the workloads their replicas back. */
  async start(namespace: string, workloads: ScaledWorkload[]): Promise<void> {
    for (const w of workloads) await this.scale(w, namespace);
  }

  private read(kind: ScaledWorkload['kind'], name: string, namespace: string) {
    const call =
      kind === 'Deployment'
        ? this.kube.apps.readNamespacedDeployment({ name, namespace })
        : this.kube.apps.readNamespacedStatefulSet({ name, namespace });
    return call.catch(e =>
      Promise.reject(kubeErrorToSafe(e, `Reading ${kind} "${name}"`)),
    );
  }

  private async scale(w: ScaledWorkload, namespace: string): Promise<void> {
    const request = {
      name: w.name,
      namespace,
      body: { spec: { replicas: w.replicas } },
    };
    try {
      if (w.kind === 'Deployment')
        await this.kube.apps.patchNamespacedDeployment(request, MERGE_PATCH);
      else
        await this.kube.apps.patchNamespacedStatefulSet(request, MERGE_PATCH);
    } catch (e) {
      throw kubeErrorToSafe(
        e,
        `Scaling ${w.kind} "${w.name}" to ${w.replicas}`,
      );
    }
  }
}
