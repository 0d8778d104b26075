import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ReleaseListResponse } from '@internal/backstage-plugin-woow-cloud-services-common';
import { Fence } from '../fence';
import { HelmReleases } from '../helm/HelmReleases';
import { mapWithLimit, toReleaseSummary } from '../helm/releaseList';
import { KubeClients } from '../kube/KubeClients';
import { kubeErrorToSafe } from '../kube/kubeErrors';

/** helm list runs at most this many at a time (each is one helm process). */
export const RELEASE_LIST_CONCURRENCY = 4;

/** Errors that mean the cluster or helm is unavailable, not one namespace. */
const UNAVAILABLE = new Set(['ServiceUnavailableError', 'GatewayTimeoutError']);

/**
 * What runs in the workspace namespaces, whoever installed it: the helm
 * releases of every namespace inside the fence. The operator's own role may
 * list namespaces but not read Secrets (where helm keeps releases), so each
 * namespace is listed by its own deployer, a bounded number at a time.
 */
export class ReleaseInventory {
  constructor(
    private readonly deps: {
      kube: KubeClients;
      helm: HelmReleases;
      fence: Fence;
      logger: LoggerService;
      concurrency?: number;
    },
  ) {}

  /** Every release of the workspace namespaces, or of `namespace` alone. */
  async list(namespace?: string): Promise<ReleaseListResponse> {
    const all = await this.workspaceNamespaces();
    if (namespace !== undefined && !all.includes(namespace)) {
      throw new NotFoundError(`Namespace "${namespace}" not found`);
    }
    const namespaces = namespace !== undefined ? [namespace] : all;
    const results = await mapWithLimit(
      namespaces,
      this.deps.concurrency ?? RELEASE_LIST_CONCURRENCY,
      async ns => {
        try {
          const entries = await this.deps.helm.list(ns);
          return { items: entries.map(e => toReleaseSummary(e, ns)) };
        } catch (error) {
          const err = error as Error;
          if (UNAVAILABLE.has(err.name)) throw error;
          // A namespace made outside the operator has no deployer yet.
          this.deps.logger.warn(`Cannot list the releases of ${ns}`, {
            namespace: ns,
            reason: err.message,
          });
          return { unreadable: { namespace: ns, reason: err.message } };
        }
      },
    );
    return {
      items: results
        .flatMap(r => r.items ?? [])
        .sort(
          (a, b) =>
            a.namespace.localeCompare(b.namespace) ||
            a.releaseName.localeCompare(b.releaseName),
        ),
      unreadableNamespaces: results.flatMap(r =>
        r.unreadable ? [r.unreadable] : [],
      ),
    };
  }

  private async workspaceNamespaces(): Promise<string[]> {
    let names: string[];
    try {
      const list = await this.deps.kube.core.listNamespace({});
      names = list.items.map(n => n.metadata?.name ?? '');
    } catch (error) {
      throw kubeErrorToSafe(error, 'Listing the workspace namespaces');
    }
    return names.filter(name => this.inside(name)).sort();
  }

  private inside(name: string): boolean {
    try {
      this.deps.fence.namespace(name);
      return true;
    } catch {
      return false;
    }
  }
}
