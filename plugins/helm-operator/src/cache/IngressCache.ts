import { ServiceUnavailableError } from '@backstage/errors';
import { V1Ingress } from '@kubernetes/client-node';
import { normalizeDomain } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { ResyncingInformer } from './ResyncingInformer';

export interface IngressKey {
  namespace: string;
  name: string;
}

function keyOf(ing: V1Ingress) {
  return `${ing.metadata?.namespace ?? ''}/${ing.metadata?.name ?? ''}`;
}

function hostsOf(ing: V1Ingress): string[] {
  return (ing.spec?.rules ?? [])
    .map(r => r.host)
    .filter((h): h is string => !!h)
    .map(normalizeDomain);
}

/**
 * Every Ingress of the cluster from an informer, indexed by host: "is this
 * host already served?" is a map lookup, not a cluster-wide list per install.
 */
export class IngressCache {
  /** normalized host -> Ingress keys serving it */
  private readonly byHost = new Map<string, Set<string>>();
  /** Ingress key -> the hosts indexed for it */
  private readonly indexed = new Map<string, string[]>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly informer: ResyncingInformer<V1Ingress>) {
    informer.onAdd(i => this.index(i));
    informer.onUpdate(i => this.index(i));
    informer.onDelete(i => {
      this.unindex(keyOf(i));
      this.notify();
    });
  }

  get(namespace: string, name: string): V1Ingress | undefined {
    return this.ready().get(name, namespace);
  }

  /** The Ingresses serving `host` (normalized), other than `except`. */
  servedBy(host: string, except?: IngressKey): IngressKey[] {
    this.ready();
    const skip = except ? `${except.namespace}/${except.name}` : undefined;
    return [...(this.byHost.get(normalizeDomain(host)) ?? [])]
      .filter(k => k !== skip)
      .map(k => {
        const [namespace, name] = k.split('/');
        return { namespace, name };
      });
  }

  /**
   * Resolves once the cache holds `namespace/name` as `present` says (at
   * `resourceVersion` when given), or after `timeoutMs` (false): after the
   * operator's own write, the next host check sees it.
   */
  waitFor(
    key: IngressKey,
    present: boolean,
    timeoutMs: number,
    resourceVersion?: string,
  ): Promise<boolean> {
    const holds = () => {
      const ing = this.informer.get(key.name, key.namespace);
      if (!present) return !ing;
      return (
        !!ing &&
        (!resourceVersion || ing.metadata?.resourceVersion === resourceVersion)
      );
    };
    if (holds()) return Promise.resolve(true);
    return new Promise(resolve => {
      const pending: { timer?: NodeJS.Timeout } = {};
      const check = () => {
        if (!holds()) return;
        clearTimeout(pending.timer);
        this.waiters.delete(check);
        resolve(true);
      };
      pending.timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private ready() {
    if (!this.informer.hasSynced()) {
      throw new ServiceUnavailableError(
        'The operator has not yet read the ingresses from the cluster; retry shortly (see GET /health)',
      );
    }
    return this.informer;
  }

  private index(ing: V1Ingress) {
    const key = keyOf(ing);
    this.unindex(key);
    const hosts = hostsOf(ing);
    for (const host of hosts) {
      const keys = this.byHost.get(host) ?? new Set<string>();
      keys.add(key);
      this.byHost.set(host, keys);
    }
    this.indexed.set(key, hosts);
    this.notify();
  }

  private notify() {
    for (const waiter of [...this.waiters]) waiter();
  }

  private unindex(key: string) {
    for (const host of this.indexed.get(key) ?? []) {
      const keys = this.byHost.get(host);
      keys?.delete(key);
      if (keys && !keys.size) this.byHost.delete(host);
    }
    this.indexed.delete(key);
  }
}
