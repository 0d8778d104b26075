import {
  V1DaemonSet,
  V1Deployment,
  V1StatefulSet,
} from '@kubernetes/client-node';
import {
  PodStatus,
  WorkloadProblem,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  LiveWorkload,
  WorkloadKind,
  WorkloadSource,
} from '../cache/WorkloadCache';
import { ManifestObject, objectsOfKind } from './manifest';
import {
  describePod,
  failedCreateProblems,
  isWorkloadReady,
  ObservedWorkload,
} from './statusSummary';

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
 * selectors), and why they are not ready when they are not; from the
 * operator's watch caches (`WorkloadSource`), no API call.
 */
export class WorkloadStatusReader {
  constructor(private readonly cluster: WorkloadSource) {}

  async read(
    namespace: string,
    objects: readonly ManifestObject[],
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
        const live = this.cluster.workload(kind, namespace, obj.metadata.name);
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
    const pods = found.map(({ workload, live }) => {
      if (!live) return [];
      return this.cluster
        .pods(namespace, live.spec?.selector)
        .map(pod => describePod(pod, `${workload.kind}/${workload.name}`));
    });
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
        const sets = this.cluster.replicaSets(namespace, live?.spec?.selector);
        for (const rs of sets) {
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
    return failedCreateProblems(
      this.cluster.failedCreateEvents(namespace),
      owners,
    );
  }
}
