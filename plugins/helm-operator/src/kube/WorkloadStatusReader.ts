import {
  CoreV1Event,
  V1DaemonSet,
  V1Deployment,
  V1StatefulSet,
} from '@kubernetes/client-node';
import {
  PodStatus,
  WorkloadProblem,
} from '@internal/backstage-plugin-woow-cloud-services-common';
import { KubeClients } from './KubeClients';
import { isNotFound, kubeErrorToSafe } from './kubeErrors';
import { ManifestObject, objectsOfKind } from './manifest';
import {
  describePod,
  failedCreateProblems,
  isWorkloadReady,
  ObservedWorkload,
  selectorToString,
} from './statusSummary';

type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';
type LiveWorkload = V1Deployment | V1StatefulSet | V1DaemonSet;

export interface WorkloadReport {
  workloads: ObservedWorkload[];
  pods: PodStatus[];
  problems: WorkloadProblem[];
}

function toWorkload(kind: WorkloadKind, live: LiveWorkload): ObservedWorkload {
  const name = live.metadata?.name ?? '';
  const observed =
    (live.status?.observedGeneration ?? 0) >= (live.metadata?.generation ?? 0);
  if (kind === 'DaemonSet') {
    const s = (live as V1DaemonSet).status;
    const desired = s?.desiredNumberScheduled ?? 0;
    return {
      kind,
      name,
      desired,
      ready: s?.numberReady ?? 0,
      updated: s?.updatedNumberScheduled ?? 0,
      observed,
    };
  }
  const s = (live as V1Deployment | V1StatefulSet).status;
  return {
    kind,
    name,
    desired: (live as V1Deployment | V1StatefulSet).spec?.replicas ?? 1,
    ready: s?.readyReplicas ?? 0,
    updated: s?.updatedReplicas ?? 0,
    observed,
  };
}

/**
 * Reads the live state of the workloads a release manifest declares
 * (Deployments, StatefulSets, DaemonSets), their pods (by the workloads' own
 * selectors), and why they are not ready when they are not.
 */
export class WorkloadStatusReader {
  constructor(private readonly kube: KubeClients) {}

  async read(
    namespace: string,
    objects: ManifestObject[],
  ): Promise<WorkloadReport> {
    const declared = objectsOfKind(
      objects,
      'Deployment',
      'StatefulSet',
      'DaemonSet',
    );
    const problems: WorkloadProblem[] = [];
    const found = await Promise.all(
      declared.map(async obj => {
        const kind = obj.kind as WorkloadKind;
        const live = await this.readLive(kind, obj.metadata.name, namespace);
        if (!live) {
          problems.push({
            reason: 'Missing',
            object: `${kind}/${obj.metadata.name}`,
            message: 'not found in the cluster',
          });
          const desired = kind === 'DaemonSet' ? 1 : obj.spec?.replicas ?? 1;
          return {
            workload: {
              kind,
              name: obj.metadata.name,
              desired,
              ready: 0,
              updated: 0,
              observed: true,
            },
            live,
          };
        }
        return { workload: toWorkload(kind, live), live };
      }),
    );
    const pods = await Promise.all(
      found.map(async ({ workload, live }) => {
        if (!live) return [];
        const list = await this.kube.core
          .listNamespacedPod({
            namespace,
            labelSelector: selectorToString(live.spec?.selector),
          })
          .catch(e => Promise.reject(kubeErrorToSafe(e, 'Listing pods')));
        return list.items.map(pod =>
          describePod(pod, `${workload.kind}/${workload.name}`),
        );
      }),
    );
    for (const p of pods.flat()) problems.push(...p.problems);
    const notReady = found.filter(f => f.live && !isWorkloadReady(f.workload));
    if (notReady.length) {
      problems.push(...(await this.creationFailures(namespace, notReady)));
    }
    return {
      workloads: found.map(f => f.workload),
      pods: pods.flat().map(p => p.status),
      problems,
    };
  }

  private async readLive(kind: WorkloadKind, name: string, namespace: string) {
    try {
      if (kind === 'Deployment')
        return await this.kube.apps.readNamespacedDeployment({
          name,
          namespace,
        });
      if (kind === 'StatefulSet')
        return await this.kube.apps.readNamespacedStatefulSet({
          name,
          namespace,
        });
      return await this.kube.apps.readNamespacedDaemonSet({ name, namespace });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw kubeErrorToSafe(e, `Reading ${kind} "${name}"`);
    }
  }

  /**
   * Pods that were never created do not show in a pod list: their controller
   * got a FailedCreate event (e.g. "exceeded quota"). For a Deployment that is
   * its ReplicaSets still short of pods; for the others the workload itself.
   */
  private async creationFailures(
    namespace: string,
    workloads: { workload: ObservedWorkload; live?: LiveWorkload }[],
  ): Promise<WorkloadProblem[]> {
    const owners = new Map<string, string>();
    await Promise.all(
      workloads.map(async ({ workload, live }) => {
        const label = `${workload.kind}/${workload.name}`;
        if (workload.kind !== 'Deployment') {
          if (live?.metadata?.uid) owners.set(live.metadata.uid, label);
          return;
        }
        const sets = await this.kube.apps
          .listNamespacedReplicaSet({
            namespace,
            labelSelector: selectorToString(live?.spec?.selector),
          })
          .catch(e =>
            Promise.reject(kubeErrorToSafe(e, 'Listing ReplicaSets')),
          );
        for (const rs of sets.items) {
          const owned = rs.metadata?.ownerReferences?.some(
            o => o.uid === live?.metadata?.uid,
          );
          const short = (rs.status?.replicas ?? 0) < (rs.spec?.replicas ?? 0);
          if (owned && short && rs.metadata?.uid)
            owners.set(rs.metadata.uid, label);
        }
      }),
    );
    if (!owners.size) return [];
    const events = await this.kube.core
      .listNamespacedEvent({ namespace, fieldSelector: 'reason=FailedCreate' })
      .catch(e => Promise.reject(kubeErrorToSafe(e, 'Listing events')));
    return failedCreateProblems(events.items as CoreV1Event[], owners);
  }
}
