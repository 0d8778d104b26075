import { ServiceUnavailableError } from '@backstage/errors';
import {
  CoreV1Event,
  KubernetesObject,
  V1DaemonSet,
  V1Deployment,
  V1LabelSelector,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { ResyncingInformer } from './ResyncingInformer';
import { selectorMatches } from './selectorMatches';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';
export type LiveWorkload = V1Deployment | V1StatefulSet | V1DaemonSet;

/** What the status of a release reads of the cluster. */
export interface WorkloadSource {
  workload(
    kind: WorkloadKind,
    namespace: string,
    name: string,
  ): LiveWorkload | undefined;
  pods(namespace: string, selector?: V1LabelSelector): V1Pod[];
  replicaSets(namespace: string, selector?: V1LabelSelector): V1ReplicaSet[];
  /** FailedCreate events of the namespace (pods a controller could not create). */
  failedCreateEvents(namespace: string): CoreV1Event[];
}

export interface WorkloadInformers {
  deployments: ResyncingInformer<V1Deployment>;
  statefulSets: ResyncingInformer<V1StatefulSet>;
  daemonSets: ResyncingInformer<V1DaemonSet>;
  pods: ResyncingInformer<V1Pod>;
  replicaSets: ResyncingInformer<V1ReplicaSet>;
  failedCreateEvents: ResyncingInformer<CoreV1Event>;
}

/** The workloads, pods, ReplicaSets and events of the informers, read without an API call. */
export class WorkloadCache implements WorkloadSource {
  constructor(private readonly informers: WorkloadInformers) {}

  workload(kind: WorkloadKind, namespace: string, name: string) {
    const byKind: Record<WorkloadKind, ResyncingInformer<LiveWorkload>> = {
      Deployment: this.informers.deployments,
      StatefulSet: this.informers.statefulSets,
      DaemonSet: this.informers.daemonSets,
    };
    return ready(byKind[kind]).get(name, namespace);
  }

  pods(namespace: string, selector?: V1LabelSelector) {
    return selected(ready(this.informers.pods).list(namespace), selector);
  }

  replicaSets(namespace: string, selector?: V1LabelSelector) {
    return selected(
      ready(this.informers.replicaSets).list(namespace),
      selector,
    );
  }

  failedCreateEvents(namespace: string) {
    return [...ready(this.informers.failedCreateEvents).list(namespace)];
  }
}

function ready<T extends KubernetesObject>(
  informer: ResyncingInformer<T>,
): ResyncingInformer<T> {
  if (!informer.hasSynced()) {
    throw new ServiceUnavailableError(
      `The operator has not yet read the ${informer.name} from the cluster; retry shortly (see GET /health)`,
    );
  }
  return informer;
}

function selected<T extends KubernetesObject>(
  items: readonly T[],
  selector?: V1LabelSelector,
): T[] {
  return items.filter(i => selectorMatches(selector, i.metadata?.labels));
}
