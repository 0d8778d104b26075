import { LoggerService } from '@backstage/backend-plugin-api';
import { InformerHealth } from '@internal/backstage-plugin-woow-cloud-services-common';
import { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import { HELM_RELEASE_SECRET_TYPE } from '../helm/releaseSecret';
import { KubeClients } from '../kube/KubeClients';
import { ReleaseCache } from './ReleaseCache';
import { ResyncingInformer } from './ResyncingInformer';

/** Label helm's storage driver puts on every release Secret. */
export const HELM_OWNER_SELECTOR = 'owner=helm';

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
    this.all = [this.releaseSecrets] as ResyncingInformer<KubernetesObject>[];
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
