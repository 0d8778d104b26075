import { LoggerService } from '@backstage/backend-plugin-api';
import { InformerHealth } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  CoreV1Event,
  KubernetesListObject,
  KubernetesObject,
  V1Ingress,
  V1Secret,
} from '@kubernetes/client-node';
import { Fence } from '../fence';
import { HELM_RELEASE_SECRET_TYPE } from '../helm/releaseSecret';
import { KubeClients } from '../kube/KubeClients';
import { IngressCache } from './IngressCache';
import { NamespaceChanges } from './NamespaceChanges';
import { ReleaseCache } from './ReleaseCache';
import { ResyncingInformer } from './ResyncingInformer';
import { WorkloadCache } from './WorkloadCache';

/** Label helm's storage driver puts on every release Secret. */
export const HELM_OWNER_SELECTOR = 'owner=helm';

const FAILED_CREATE = 'reason=FailedCreate';

export interface OperatorInformersOptions {
  namespacePrefix: string;
  logger: LoggerService;
  /** Restart delays after a failed list or watch (tests shorten them). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/**
 * The operator's watch caches: every read endpoint answers from these, so a
 * read starts no helm process and makes no API call. Built from the
 * operator's own credentials (cluster-wide list/watch, see docs/security.md).
 */
export class OperatorInformers {
  readonly releaseSecrets: ResyncingInformer<V1Secret>;
  readonly releases: ReleaseCache;
  /** Workloads, pods, ReplicaSets and FailedCreate events: what status reads. */
  readonly workloads: WorkloadCache;
  /** Every Ingress of the cluster, indexed by host. */
  readonly ingresses: IngressCache;
  /** The workspace namespaces in which any of the above (Ingresses aside) changed: GET /changes. */
  readonly changes: NamespaceChanges;
  private readonly all: ResyncingInformer<KubernetesObject>[];

  constructor(kube: KubeClients, opts: OperatorInformersOptions) {
    const common = {
      config: kube.config,
      logger: opts.logger,
      retryDelayMs: opts.retryDelayMs,
      maxRetryDelayMs: opts.maxRetryDelayMs,
    };
    const selectors = {
      labelSelector: HELM_OWNER_SELECTOR,
      fieldSelector: `type=${HELM_RELEASE_SECRET_TYPE}`,
    };
    this.releaseSecrets = new ResyncingInformer<V1Secret>({
      ...common,
      ...selectors,
      name: 'helm release secrets',
      path: '/api/v1/secrets',
      list: () => kube.core.listSecretForAllNamespaces(selectors),
    });
    this.releases = new ReleaseCache(this.releaseSecrets, opts);
    // No label selector: pods and ReplicaSets carry the labels their chart
    // chose, which the operator cannot rely on. Reads are for fenced
    // namespaces only; the operator's role already had list/watch on these.
    const informer = <T extends KubernetesObject>(
      name: string,
      path: string,
      list: () => Promise<KubernetesListObject<T>>,
      fieldSelector?: string,
    ) =>
      new ResyncingInformer<T>({ ...common, name, path, list, fieldSelector });
    const workloads = {
      deployments: informer('deployments', '/apis/apps/v1/deployments', () =>
        kube.apps.listDeploymentForAllNamespaces({}),
      ),
      statefulSets: informer('statefulsets', '/apis/apps/v1/statefulsets', () =>
        kube.apps.listStatefulSetForAllNamespaces({}),
      ),
      daemonSets: informer('daemonsets', '/apis/apps/v1/daemonsets', () =>
        kube.apps.listDaemonSetForAllNamespaces({}),
      ),
      pods: informer('pods', '/api/v1/pods', () =>
        kube.core.listPodForAllNamespaces({}),
      ),
      replicaSets: informer('replicasets', '/apis/apps/v1/replicasets', () =>
        kube.apps.listReplicaSetForAllNamespaces({}),
      ),
      failedCreateEvents: informer<CoreV1Event>(
        'FailedCreate events',
        '/api/v1/events',
        () =>
          kube.core.listEventForAllNamespaces({
            fieldSelector: FAILED_CREATE,
          }),
        FAILED_CREATE,
      ),
    };
    this.workloads = new WorkloadCache(workloads);
    // Every Ingress, whoever made it: a host served by any of them is taken.
    const ingresses = informer<V1Ingress>(
      'ingresses',
      '/apis/networking.k8s.io/v1/ingresses',
      () => kube.networking.listIngressForAllNamespaces({}),
    );
    this.ingresses = new IngressCache(ingresses);
    const watched = [
      this.releaseSecrets,
      ...Object.values(workloads),
    ] as ResyncingInformer<KubernetesObject>[];
    this.changes = new NamespaceChanges({
      fence: new Fence(opts.namespacePrefix),
    });
    for (const each of watched) this.feedChanges(each);
    this.all = [...watched, ingresses] as ResyncingInformer<KubernetesObject>[];
  }

  private feedChanges(source: ResyncingInformer<KubernetesObject>) {
    const changed = (o: KubernetesObject) =>
      this.changes.record(o.metadata?.namespace);
    source.onAdd(changed);
    source.onUpdate(changed);
    source.onDelete(changed);
    source.onRelist(() => this.changes.reset());
  }

  /** Lists and starts watching; a failing informer keeps retrying by itself (see health()). */
  async start(): Promise<void> {
    await Promise.all(this.all.map(i => i.start()));
  }

  stop(): void {
    for (const informer of this.all) informer.stop();
  }

  health(): InformerHealth[] {
    return this.all.map(i => i.health());
  }
}
