import type {
  ServiceEvent,
  ServiceEventQuery,
  ServiceEventType,
  ServiceState,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { Knex } from 'knex';
import { toIso } from './columns';

export interface NewServiceEvent {
  serviceId: string;
  workspaceId: string;
  type: ServiceEventType;
  actor: string;
  fromState?: ServiceState | null;
  toState?: ServiceState | null;
  result: ServiceEvent['result'];
  message: string;
}

/** Activity history of services (table `service_events`); rows are never changed. */
export class EventStore {
  constructor(private readonly db: Knex) {}

  async add(event: NewServiceEvent): Promise<void> {
    await this.db('service_events').insert({
      service_id: event.serviceId,
      workspace_id: event.workspaceId,
      type: event.type,
      actor: event.actor,
      from_state: event.fromState ?? null,
      to_state: event.toState ?? null,
      result: event.result,
      message: event.message.slice(0, 4000),
      created_at: new Date(),
    });
  }

  /**
   * The user whose request is the newest on record for a service: who started
   * the operation the reconciler finishes (its own events are not users').
   */
  async lastUserActor(serviceId: string): Promise<string | undefined> {
    const row = await this.db('service_events')
      .where({ service_id: serviceId })
      .where('actor', 'like', 'user:%')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first('actor');
    return row?.actor;
  }

  /** Newest first. `search` matches the message or the actor, case-insensitively. */
  async list(
    serviceId: string,
    query: Partial<ServiceEventQuery> = {},
  ): Promise<ServiceEvent[]> {
    const q = this.db('service_events')
      .where({ service_id: serviceId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit ?? 100);
    if (query.type) q.where({ type: query.type });
    if (query.from) q.where('created_at', '>=', new Date(query.from));
    if (query.to) q.where('created_at', '<=', new Date(query.to));
    if (query.search) {
      const pattern = `%${query.search
        .toLowerCase()
        .replace(/[\\%_]/g, c => `\\${c}`)}%`;
      q.where(inner =>
        inner
          .whereRaw("LOWER(message) LIKE ? ESCAPE '\\'", [pattern])
          .orWhereRaw("LOWER(actor) LIKE ? ESCAPE '\\'", [pattern]),
      );
    }
    const rows = await q;
    return rows.map(row => ({
      id: String(row.id),
      serviceId: row.service_id,
      workspaceId: row.workspace_id,
      type: row.type,
      actor: row.actor,
      fromState: row.from_state ?? null,
      toState: row.to_state ?? null,
      result: row.result,
      message: row.message,
      createdAt: toIso(row.created_at),
    }));
  }
}
