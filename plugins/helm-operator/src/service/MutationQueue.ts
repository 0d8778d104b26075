import { ServiceUnavailableError } from '@backstage/errors';

export interface MutationQueueOptions {
  /** helm mutations running at once in this replica. */
  maxConcurrent: number;
  /** Mutations waiting for a slot, all namespaces together; beyond: 503. */
  maxQueued: number;
}

/** 503 with the seconds after which asking again is worth it (the router sends Retry-After). */
export class MutationQueueFullError extends ServiceUnavailableError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

type Job = () => void;

/** Seconds a queued mutation is assumed to take before one has been measured. */
const FIRST_GUESS_SECONDS = 5;

/**
 * Bounds the helm mutations (install, upgrade, rollback, uninstall,
 * recover) of one operator replica: at most `maxConcurrent` run, the rest
 * wait in one queue per workspace namespace, served round-robin, so a
 * workspace with a hundred queued installs delays another's one install by
 * at most one turn. A full queue refuses at once (503 with a retry hint)
 * rather than piling up helm processes until the replica runs out of memory.
 */
export class MutationQueue {
  private running = 0;
  private queued = 0;
  /** namespace -> its waiting jobs; the Map's order is the round-robin order. */
  private readonly waiting = new Map<string, Job[]>();
  /** Average duration of recent mutations (for Retry-After). */
  private averageSeconds = FIRST_GUESS_SECONDS;

  constructor(
    private readonly opts: MutationQueueOptions,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Runs `fn` when a slot is free and it is `namespace`'s turn. */
  async run<T>(namespace: string, fn: () => Promise<T>): Promise<T> {
    await this.slot(namespace);
    const started = this.clock();
    try {
      return await fn();
    } finally {
      const seconds = (this.clock() - started) / 1000;
      this.averageSeconds = 0.8 * this.averageSeconds + 0.2 * seconds;
      this.running -= 1;
      this.next();
    }
  }

  /** What runs and waits now (for /health and tests). */
  stats() {
    return {
      running: this.running,
      queued: this.queued,
      namespaces: [...this.waiting.keys()],
    };
  }

  private slot(namespace: string): Promise<void> {
    if (this.running < this.opts.maxConcurrent && this.queued === 0) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.queued >= this.opts.maxQueued) {
      const retryAfter = this.retryAfterSeconds();
      return Promise.reject(
        new MutationQueueFullError(
          `The operator is busy: ${this.running} helm operations running and ${this.queued} waiting (helmOperator.maxConcurrentMutations ${this.opts.maxConcurrent}, maxQueuedMutations ${this.opts.maxQueued}); retry in ${retryAfter} s`,
          retryAfter,
        ),
      );
    }
    return new Promise(resolve => {
      const jobs = this.waiting.get(namespace) ?? [];
      jobs.push(() => resolve());
      this.waiting.set(namespace, jobs);
      this.queued += 1;
    });
  }

  /** Gives the free slot to the first namespace in turn; it then goes to the back. */
  private next() {
    const first = this.waiting.entries().next();
    if (first.done) return;
    const [namespace, jobs] = first.value;
    const job = jobs.shift()!;
    this.waiting.delete(namespace);
    if (jobs.length) this.waiting.set(namespace, jobs);
    this.queued -= 1;
    this.running += 1;
    job();
  }

  /** Roughly when a slot frees for a newcomer: the queue ahead, at the recent pace. */
  private retryAfterSeconds(): number {
    const rounds = Math.ceil((this.queued + 1) / this.opts.maxConcurrent);
    return Math.min(300, Math.max(1, Math.ceil(rounds * this.averageSeconds)));
  }
}
