import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  NamespaceChangesQuery,
  NamespaceChangesResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ChangedScope } from '../database/DueChecks';
import { backoffSeconds } from './transitions';

/** The operator's GET /changes (OperatorClient's ApiClient in the plugin). */
export type NamespaceChangesSource = (
  query: NamespaceChangesQuery,
  signal: AbortSignal,
) => Promise<NamespaceChangesResponse>;

export interface OperatorChangeFollowerOptions {
  changes: NamespaceChangesSource;
  /** Makes the checks of the changed services due now (DueChecks). */
  dueChecks: { makeDue(scope: ChangedScope, now: Date): Promise<number> };
  /** Asks for a reconciler pass soon (the scheduler's task trigger). */
  reconcileSoon: () => Promise<void>;
  logger: LoggerService;
  /** How long one long poll is held open by the operator. Default 25. */
  waitSeconds?: number;
  /**
   * Pause after an answer that named changes, so that a busy cluster's
   * changes are taken together: at most one poll (one UPDATE, one trigger)
   * per this many seconds. Default 1.
   */
  coalesceSeconds?: number;
  /** Delay after a failed poll, doubled per failure up to `maxRetryDelaySeconds`. Defaults 1 and 30. */
  retryDelaySeconds?: number;
  maxRetryDelaySeconds?: number;
}

/**
 * Follows the operator's change feed (GET /changes, a long poll) and makes
 * the checks of the services in the namespaces it names due now, then asks
 * for a reconciler pass: a deploy's pods becoming ready, a crash, a release
 * changed behind our back reach the reconciler at once instead of at the
 * service's next scheduled check. On `reset` (first poll, operator restarted,
 * a watch relisted) every service's check becomes due.
 *
 * The cursor is kept in memory only: a restarted backend starts with a
 * reset. Every replica follows; the claims give each row to one pass.
 * Failures are logged once per streak and retried with backoff; the
 * scheduled checks (healthCheckSeconds) remain the safety net.
 */
export class OperatorChangeFollower {
  private cursor?: string;
  private failures = 0;
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;

  constructor(private readonly opts: OperatorChangeFollowerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the poll under way and the loop. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /**
   * One long poll and what it asks for. Returns whether it named changes and
   * how many services became due; throws what the poll or the update threw
   * (the cursor then stays).
   */
  async followOnce(): Promise<{ changed: boolean; due: number }> {
    const answer = await this.opts.changes(
      {
        ...(this.cursor ? { since: this.cursor } : {}),
        waitSeconds: this.opts.waitSeconds ?? 25,
      },
      this.stopping.signal,
    );
    const scope: ChangedScope = answer.reset
      ? 'all'
      : { namespaces: answer.namespaces };
    const changed = answer.reset || answer.namespaces.length > 0;
    const due = changed
      ? await this.opts.dueChecks.makeDue(scope, new Date())
      : 0;
    this.cursor = answer.cursor;
    // Also when nothing became due: their checks may have been due already.
    if (changed) await this.opts.reconcileSoon();
    return { changed, due };
  }

  private async run() {
    const { logger } = this.opts;
    while (!this.stopping.signal.aborted) {
      try {
        const { changed } = await this.followOnce();
        if (this.failures) {
          logger.info(
            `Following the operator's changes again after ${this.failures} failed attempt(s)`,
          );
        }
        this.failures = 0;
        if (changed) await this.pause(this.opts.coalesceSeconds ?? 1);
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        if (!this.failures) {
          logger.warn(
            `Cannot follow the operator's changes; retrying with backoff (scheduled checks continue): ${
              (error as Error)?.message
            }`,
          );
        }
        this.failures += 1;
        await this.pause(
          Math.min(
            backoffSeconds(this.failures, this.opts.retryDelaySeconds ?? 1),
            this.opts.maxRetryDelaySeconds ?? 30,
          ),
        );
      }
    }
  }

  /** Waits, or less when the follower stops. */
  private pause(seconds: number) {
    const signal = this.stopping.signal;
    return new Promise<void>(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      timer = setTimeout(done, seconds * 1000);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
