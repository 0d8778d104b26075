import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { ServiceRecord } from './ServiceStore';

/** Told of one change after it is stored. */
export type ChangeListener<T> = (change: T) => Promise<void> | void;

/**
 * A change feed: a store announces each change once, after it is stored, to
 * every listener. Listeners are best effort: one that throws is logged (with
 * the ids `describe` picks, never the change itself) and fails neither the
 * write nor the other listeners.
 */
export class ChangeFeed<T> {
  private readonly listeners = new Set<ChangeListener<T>>();

  constructor(
    private readonly options: {
      logger: LoggerService;
      /** Log fields naming a change: ids only, no values. */
      describe: (change: T) => JsonObject;
    },
  ) {}

  /** Returns the function that stops the listener. */
  subscribe(listener: ChangeListener<T>): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async announce(change: T): Promise<void> {
    await Promise.all(
      [...this.listeners].map(async listener => {
        try {
          await listener(change);
        } catch (error) {
          this.options.logger.warn('A change listener failed', {
            ...this.options.describe(change),
            reason: (error as Error).message,
          });
        }
      }),
    );
  }
}

/**
 * Services as they are after each versioned write: insert, update, and the
 * update that ends a delete (`deletedAt` set).
 */
export type ServiceChangeFeed = ChangeFeed<ServiceRecord>;

export function createServiceChangeFeed(
  logger: LoggerService,
): ServiceChangeFeed {
  return new ChangeFeed<ServiceRecord>({
    logger,
    describe: record => ({ serviceId: record.id, version: record.version }),
  });
}

/** A member joined, changed role or left (`userRef`: whom it was about). */
export interface MembershipChange {
  workspaceId: string;
  userRef: string;
}

export type MembershipChangeFeed = ChangeFeed<MembershipChange>;

export function createMembershipChangeFeed(
  logger: LoggerService,
): MembershipChangeFeed {
  return new ChangeFeed<MembershipChange>({
    logger,
    describe: change => ({ workspaceId: change.workspaceId }),
  });
}
