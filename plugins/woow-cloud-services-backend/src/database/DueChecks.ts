import type { Knex } from 'knex';

/** Namespaces in one UPDATE at the most (well below SQLite's and PostgreSQL's parameter limits). */
const NAMESPACES_PER_UPDATE = 1000;

/** Which services a change concerns: those of some namespaces, or every one (a reset). */
export type ChangedScope = { namespaces: readonly string[] } | 'all';

/**
 * Makes the checks of services due now because the operator saw a change in
 * their namespaces (see OperatorChangeFollower). Only checks: a service with
 * an operation still to send (`pending_action`, or `pending`) keeps its
 * schedule, so a claimed operation is never handed to a second pass; rows
 * already due are left alone.
 */
export class DueChecks {
  constructor(private readonly db: Knex) {}

  /** Returns how many services became due. */
  async makeDue(scope: ChangedScope, now: Date): Promise<number> {
    if (scope === 'all') return this.update(now);
    let count = 0;
    for (let i = 0; i < scope.namespaces.length; i += NAMESPACES_PER_UPDATE) {
      const chunk = scope.namespaces.slice(i, i + NAMESPACES_PER_UPDATE);
      count += await this.update(now, chunk);
    }
    return count;
  }

  private async update(now: Date, namespaces?: readonly string[]) {
    const query = this.db('cloud_services')
      .whereNull('deleted_at')
      .whereNull('pending_action')
      .whereNot('state', 'pending')
      .where('next_check_at', '>', now);
    if (namespaces) query.whereIn('helm_namespace', [...namespaces]);
    return query.update({ next_check_at: now });
  }
}
