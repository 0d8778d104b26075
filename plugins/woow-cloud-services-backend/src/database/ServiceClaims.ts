import type { Knex } from 'knex';

/** States with a helm operation under way: checked before health checks. */
const IN_FLIGHT_STATES = ['deploying', 'upgrading', 'rolling_back', 'deleting'];

/**
 * Hands due services to one reconciler at a time, across backend replicas
 * sharing one database. A claim is a conditional update of `next_check_at`
 * (the column the due list is read from): it is pushed to the end of the
 * claim's lease only where it is still due, so of two passes that read the
 * same due row, exactly one update matches it. The winner reloads the row
 * after claiming and sets `next_check_at` again when done; a pass that dies
 * leaves its rows due again when the lease ends.
 */
export class ServiceClaims {
  constructor(private readonly db: Knex) {}

  /**
   * Claims up to `limit` due services until `until`, work in flight first
   * (pending operations, then deploying, upgrading, rolling back, deleting),
   * then by how long they have been due. Returns the ids this caller won.
   */
  async claimDue(now: Date, limit: number, until: Date): Promise<string[]> {
    const due = this.db('cloud_services')
      .select('id')
      .whereNull('deleted_at')
      .where('next_check_at', '<=', now)
      .orderByRaw(
        `case when pending_action is not null then 0 when state in (${IN_FLIGHT_STATES.map(
          () => '?',
        ).join(', ')}) then 1 else 2 end`,
        IN_FLIGHT_STATES,
      )
      .orderBy('next_check_at')
      .limit(limit);
    const ids = (await due).map(row => String(row.id));
    if (!ids.length) return [];
    const won: Array<{ id: string }> = await this.db('cloud_services')
      .whereIn('id', ids)
      .whereNull('deleted_at')
      .where('next_check_at', '<=', now)
      .update({ next_check_at: until })
      .returning('id');
    const claimed = new Set(won.map(row => String(row.id)));
    // Keep the priority order of the due list.
    return ids.filter(id => claimed.has(id));
  }

  /** Gives back claims not worked on (a pass stopped early): due again at once. */
  async release(ids: string[], until: Date, now: Date): Promise<void> {
    if (!ids.length) return;
    await this.db('cloud_services')
      .whereIn('id', ids)
      .where('next_check_at', until)
      .update({ next_check_at: now });
  }
}
