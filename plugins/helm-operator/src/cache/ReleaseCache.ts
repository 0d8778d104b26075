import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { V1Secret } from '@kubernetes/client-node';
import { ReleaseRef } from '../helm/HelmReleases';
import { CachedRevision, decodeReleaseSecret } from '../helm/releaseSecret';
import { ManifestObject, parseManifest } from '../kube/manifest';
import { ResyncingInformer } from './ResyncingInformer';

type Waiter = () => void;

/** What the cache needs of the informer of helm's release Secrets. */
export type ReleaseSecretSource = Pick<
  ResyncingInformer<V1Secret>,
  'onAdd' | 'onUpdate' | 'onDelete' | 'hasSynced' | 'health'
>;

function keyOf(namespace: string, name: string) {
  return `${namespace}/${name}`;
}

function subjectOf(ref: ReleaseRef) {
  return `Release "${ref.releaseName}" in namespace "${ref.namespace}"`;
}

/**
 * helm's releases, decoded in process from the informer of helm's release
 * Secrets: status, history, values, manifest and notes without a helm
 * process or an API call. Only namespaces inside the fence (`prefix`) are
 * decoded; of every Secret only its metadata stays in the informer's store
 * (the payload, chart templates included, is dropped once decoded).
 */
export class ReleaseCache {
  /** release key -> revision -> decoded revision */
  private readonly releases = new Map<string, Map<number, CachedRevision>>();
  /** Secret key -> the release key and revision it held (deletes carry no payload). */
  private readonly secrets = new Map<
    string,
    { release: string; revision: number }
  >();
  private readonly waiters = new Set<Waiter>();
  /** Parsed manifests, kept as long as their revision is (a revision never changes). */
  private readonly parsed = new WeakMap<CachedRevision, ManifestObject[]>();

  constructor(
    private readonly informer: ReleaseSecretSource,
    private readonly opts: { namespacePrefix: string; logger: LoggerService },
  ) {
    informer.onAdd(s => this.put(s));
    informer.onUpdate(s => this.put(s));
    informer.onDelete(s => this.remove(s));
  }

  /**
   * Listed and watching now: what the cache holds is current. Mutations read
   * the release from it only then (while a watch is down, they ask helm).
   */
  isWatching(): boolean {
    return this.informer.health().synced;
  }

  /** Every revision helm keeps of the release, oldest first; 404 when it has none. */
  revisions(ref: ReleaseRef): CachedRevision[] {
    this.assertReadable();
    const found = this.releases.get(keyOf(ref.namespace, ref.releaseName));
    if (!found?.size)
      throw new NotFoundError(`${subjectOf(ref)} was not found`);
    return [...found.values()].sort((a, b) => a.revision - b.revision);
  }

  /** The latest revision (what `helm status` and `helm get` read). */
  latest(ref: ReleaseRef): CachedRevision {
    const all = this.revisions(ref);
    return all[all.length - 1];
  }

  /** One revision; 404 when helm no longer keeps it. */
  revision(ref: ReleaseRef, revision: number): CachedRevision {
    const found = this.revisions(ref).find(r => r.revision === revision);
    if (!found) {
      throw new NotFoundError(
        `${subjectOf(
          ref,
        )} has no such revision (helm keeps the last helmOperator.historyMax revisions)`,
      );
    }
    return found;
  }

  /** The latest revision of every release of `namespace` (helm list's view, before its status filter). */
  latestIn(namespace: string): CachedRevision[] {
    this.assertReadable();
    const prefix = `${namespace}/`;
    const out: CachedRevision[] = [];
    for (const [key, revisions] of this.releases) {
      if (!key.startsWith(prefix) || !revisions.size) continue;
      out.push(
        [...revisions.values()].reduce((a, b) =>
          b.revision > a.revision ? b : a,
        ),
      );
    }
    return out;
  }

  /**
   * The objects of a revision's manifest, parsed once per revision: status
   * reads it on every request, and parsing YAML is the costliest part of one.
   * Shared between callers: never change what it returns.
   */
  manifestObjects(revision: CachedRevision): readonly ManifestObject[] {
    let objects = this.parsed.get(revision);
    if (!objects) {
      objects = parseManifest(revision.manifest);
      this.parsed.set(revision, objects);
    }
    return objects;
  }

  /** The latest revision, or undefined when the release does not exist (yet). */
  peek(ref: ReleaseRef): CachedRevision | undefined {
    const found = this.releases.get(keyOf(ref.namespace, ref.releaseName));
    if (!found?.size) return undefined;
    return [...found.values()].reduce((a, b) =>
      b.revision > a.revision ? b : a,
    );
  }

  /**
   * Resolves once `condition` holds for the release's latest revision
   * (undefined: no release), or after `timeoutMs` (false). After a mutation
   * this makes the next read see it: the watch event follows helm's write by
   * milliseconds, but a caller may read at once.
   */
  waitFor(
    ref: ReleaseRef,
    condition: (latest: CachedRevision | undefined) => boolean,
    timeoutMs: number,
  ): Promise<boolean> {
    if (condition(this.peek(ref))) return Promise.resolve(true);
    return new Promise(resolve => {
      const pending: { timer?: NodeJS.Timeout } = {};
      const check: Waiter = () => {
        if (!condition(this.peek(ref))) return;
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

  private assertReadable() {
    if (!this.informer.hasSynced()) {
      throw new ServiceUnavailableError(
        'The operator has not yet read the helm releases from the cluster; retry shortly (see GET /health)',
      );
    }
  }

  private put(secret: V1Secret) {
    const namespace = secret.metadata?.namespace ?? '';
    const secretKey = keyOf(namespace, secret.metadata?.name ?? '');
    try {
      if (!namespace.startsWith(this.opts.namespacePrefix)) return;
      let decoded: CachedRevision | undefined;
      try {
        decoded = decodeReleaseSecret(secret);
      } catch (e) {
        // The name only: the payload is the release, values included.
        this.opts.logger.warn(
          `Cannot decode helm release Secret ${secretKey}: ${
            (e as Error).name
          }`,
        );
        return;
      }
      if (!decoded) return;
      const release = keyOf(decoded.namespace, decoded.releaseName);
      this.forget(secretKey);
      let revisions = this.releases.get(release);
      if (!revisions) {
        revisions = new Map();
        this.releases.set(release, revisions);
      }
      revisions.set(decoded.revision, decoded);
      this.secrets.set(secretKey, { release, revision: decoded.revision });
      this.notify();
    } finally {
      // The informer's store keeps the object: its metadata is enough there.
      delete secret.data;
    }
  }

  private remove(secret: V1Secret) {
    const namespace = secret.metadata?.namespace ?? '';
    this.forget(keyOf(namespace, secret.metadata?.name ?? ''));
    this.notify();
  }

  private forget(secretKey: string) {
    const held = this.secrets.get(secretKey);
    if (!held) return;
    this.secrets.delete(secretKey);
    const revisions = this.releases.get(held.release);
    revisions?.delete(held.revision);
    if (revisions && !revisions.size) this.releases.delete(held.release);
  }

  private notify() {
    for (const waiter of [...this.waiters]) waiter();
  }
}
