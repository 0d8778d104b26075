import type { BackupSchedule } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { Knex } from 'knex';
import { toBoolean, toNumber, toOptionalDate } from './columns';

/** A backup_schedules row: the schedule and when it runs next. */
export interface BackupScheduleRecord {
  serviceId: string;
  schedule: BackupSchedule;
  nextRunAt: Date | null;
}

function fromRow(row: Record<string, any>): BackupScheduleRecord {
  return {
    serviceId: row.service_id,
    schedule: {
      frequency: row.frequency,
      weekday:
        row.weekday === null || row.weekday === undefined
          ? null
          : toNumber(row.weekday),
      time: row.time,
      retention: toNumber(row.retention),
      enabled: toBoolean(row.enabled),
    },
    nextRunAt: toOptionalDate(row.next_run_at),
  };
}

/** Backup schedules, one per service (table `backup_schedules`). */
export class BackupScheduleStore {
  constructor(private readonly db: Knex) {}

  async get(serviceId: string): Promise<BackupScheduleRecord | undefined> {
    const row = await this.db('backup_schedules')
      .where({ service_id: serviceId })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async put(
    serviceId: string,
    schedule: BackupSchedule,
    nextRunAt: Date | null,
    by: string,
  ): Promise<BackupScheduleRecord> {
    const columns = {
      frequency: schedule.frequency,
      weekday: schedule.frequency === 'weekly' ? schedule.weekday : null,
      time: schedule.time,
      retention: schedule.retention,
      enabled: schedule.enabled,
      next_run_at: nextRunAt,
      updated_by: by,
      updated_at: new Date(),
    };
    await this.db('backup_schedules')
      .insert({ service_id: serviceId, ...columns })
      .onConflict('service_id')
      .merge(columns);
    return (await this.get(serviceId))!;
  }

  /** Schedules of live services whose next run is due, oldest first. */
  async listDue(now: Date, limit: number): Promise<BackupScheduleRecord[]> {
    const rows = await this.db('backup_schedules as b')
      .join('cloud_services as s', 's.id', 'b.service_id')
      .whereNull('s.deleted_at')
      .where('b.enabled', true)
      .where('b.next_run_at', '<=', now)
      .orderBy('b.next_run_at')
      .limit(limit)
      .select('b.*');
    return rows.map(fromRow);
  }

  /**
   * Moves a schedule's next run on, only if it still is `expected` (another
   * replica or a PUT may have moved it): true when this caller won the run.
   */
  async advance(
    serviceId: string,
    expected: Date,
    next: Date | null,
  ): Promise<boolean> {
    const count = await this.db('backup_schedules')
      .where({ service_id: serviceId, next_run_at: expected })
      .update({ next_run_at: next });
    return count > 0;
  }
}
