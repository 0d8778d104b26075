import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  ReleaseListResponse,
  ReleaseSummary,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { ReleaseCache } from '../cache/ReleaseCache';
import { CachedRevision } from '../helm/releaseSecret';
import { Fence } from '../fence';
import { HelmReleases } from '../helm/HelmReleases';
import { mapWithLimit, toReleaseSummary } from '../helm/releaseList';
import { KubeClients } from '../kube/KubeClients';
import { kubeErrorToSafe } from '../kube/kubeErrors';

/** helm list runs at most this many at a time (each is one helm process). */
export const RELEASE_LIST_CONCURRENCY = 4;

/** What `helm list --deployed --failed --pending --uninstalling` shows. */
const LISTED = new Set<string>([
  'deployed',
  'failed',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
  'uninstalling',
]);

function summaryOf(r: CachedRevision): ReleaseSummary {
  return {
    namespace: r.namespace,
    releaseName: r.releaseName,
    chart: r.chart,
    chartVersion: r.chartVersion,
    appVersion: r.appVersion,
    status: r.status,
    revision: r.revision,
    updated: isoOf(r.lastDeployed),
  };
}

/** helm's RFC 3339 time (nanoseconds) as ISO 8601 with milliseconds, as helm list's is. */
function isoOf(time: string): string {
  const date = new Date(time.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(date.getTime()) ? time : date.toISOString();
}

function sorted(items: ReleaseSummary[]): ReleaseSummary[] {
  return items.sort(
    (a, b) =>
      a.namespace.localeCompare(b.namespace) ||
      a.releaseName.localeCompare(b.releaseName),
  );
}

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
      /** While it is watching, releases are listed from it (no helm process). */
      releases?: ReleaseCache;
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
    const { releases } = this.deps;
    if (releases?.isWatching()) {
      return {
        items: sorted(
          namespaces.flatMap(ns =>
            releases
              .latestIn(ns)
              .filter(r => LISTED.has(r.status))
              .map(summaryOf),
          ),
        ),
        unreadableNamespaces: [],
      };
    }
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
      items: sorted(results.flatMap(r => r.items ?? [])),
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
