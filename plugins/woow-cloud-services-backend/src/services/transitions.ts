import { ConflictError } from '@backstage/errors';
import type {
  PendingAction,
  ServicePatch,
  ServiceRecord,
  ServiceStore,
} from '../database/ServiceStore';

/** Who the reconciler's events are attributed to. */
export const RECONCILER_ACTOR = 'woow-cloud-services:reconciler';

/**
 * How long a freshly requested operation belongs to the request that made
 * it: the reconciler leaves the row alone meanwhile (and takes over if the
 * backend dies mid-request).
 */
export const REQUEST_LEASE_MS = 90_000;

export function secondsFromNow(seconds: number, now = new Date()): Date {
  return new Date(now.getTime() + seconds * 1000);
}

/** Exponential backoff after `attempts` failures, capped at five minutes. */
export function backoffSeconds(attempts: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempts - 1), 300);
}

export function sameAction(
  a: PendingAction | null,
  b: PendingAction | null,
): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A versioned write made by the system (not on a user's behalf). When the
 * row changed meanwhile but is still in the same state with the same pending
 * action (someone renamed it, say), the write is retried on the fresh row;
 * when it moved on, nothing is written and undefined is returned.
 */
export async function transition(
  store: ServiceStore,
  record: ServiceRecord,
  patch: ServicePatch,
): Promise<ServiceRecord | undefined> {
  let current = record;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await store.update(current.id, current.version, patch);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const fresh = await store.get(current.id);
      if (
        !fresh ||
        fresh.state !== record.state ||
        !sameAction(fresh.pendingAction, record.pendingAction)
      ) {
        return undefined;
      }
      current = fresh;
    }
  }
  return undefined;
}
