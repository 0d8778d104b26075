import type { NamespaceChangesResponse } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { randomBytes } from 'node:crypto';
import type { Fence } from '../fence';

export interface NamespaceChangesOptions {
  /** Only namespaces inside the fence are recorded. */
  fence: Pick<Fence, 'contains'>;
  /** Names this process in every cursor (tests pass their own); random by default. */
  epoch?: string;
  /**
   * Namespaces remembered at the most; past it the oldest is forgotten and a
   * cursor from before it is answered with a reset. Default 100,000.
   */
  maxNamespaces?: number;
}

/**
 * The operator's change feed: a sequence number, increased by every change
 * the informers see, and per workspace namespace only the sequence of its
 * latest change (memory: one number per namespace, bounded). A cursor is
 * `{epoch}-{sequence}`; a caller asks what changed after its cursor.
 *
 * A reset (an informer relisted: what happened while its watch was gone is
 * not known one by one) and a cursor of another process (another epoch: the
 * operator restarted) both answer `reset: true`: the caller must treat
 * every namespace as changed.
 */
export class NamespaceChanges {
  readonly epoch: string;
  private sequence = 0;
  /** A cursor below this is answered with a reset. */
  private resetAt = 0;
  /** namespace -> sequence of its latest change, oldest change first. */
  private readonly latest = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private readonly maxNamespaces: number;

  constructor(private readonly opts: NamespaceChangesOptions) {
    this.epoch = opts.epoch ?? randomBytes(6).toString('hex');
    this.maxNamespaces = opts.maxNamespaces ?? 100_000;
  }

  /** One change seen in `namespace` (a namespace outside the fence is ignored). */
  record(namespace: string | undefined): void {
    if (!namespace || !this.opts.fence.contains(namespace)) return;
    this.sequence += 1;
    // Re-inserted so the map stays ordered by latest change.
    this.latest.delete(namespace);
    this.latest.set(namespace, this.sequence);
    if (this.latest.size > this.maxNamespaces) {
      const [oldest, at] = this.latest.entries().next().value!;
      this.latest.delete(oldest);
      this.resetAt = Math.max(this.resetAt, at);
    }
    this.wake();
  }

  /** Changes may have been missed (a relist): every cursor so far is answered with a reset. */
  reset(): void {
    this.sequence += 1;
    this.resetAt = this.sequence;
    this.latest.clear();
    this.wake();
  }

  /** What changed after `since` (absent or unknown: a reset), answered now. */
  since(since?: string): NamespaceChangesResponse {
    const cursor = `${this.epoch}-${this.sequence}`;
    const after = this.sequenceOf(since);
    if (after === undefined || after < this.resetAt) {
      return { cursor, namespaces: [], reset: true };
    }
    const namespaces = [...this.latest]
      .filter(([, at]) => at > after)
      .map(([namespace]) => namespace);
    return { cursor, namespaces, reset: false };
  }

  /**
   * The same, but when nothing changed after `since`, held until something
   * does, `waitMs` pass or `signal` aborts (the caller went away).
   */
  async wait(
    since: string | undefined,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<NamespaceChangesResponse> {
    const now = this.since(since);
    if (now.reset || now.namespaces.length || waitMs <= 0 || signal?.aborted) {
      return now;
    }
    await new Promise<void>(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      timer = setTimeout(done, waitMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
    return this.since(since);
  }

  /** Long polls held open now (for tests and shutdown). */
  get waiting(): number {
    return this.waiters.size;
  }

  private wake() {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The sequence of a cursor of this process; undefined for none, another epoch or one from the future. */
  private sequenceOf(since?: string): number | undefined {
    if (!since) return undefined;
    const dash = since.lastIndexOf('-');
    if (since.slice(0, dash) !== this.epoch) return undefined;
    const sequence = Number(since.slice(dash + 1));
    if (!Number.isSafeInteger(sequence) || sequence > this.sequence) {
      return undefined;
    }
    return sequence;
  }
}
