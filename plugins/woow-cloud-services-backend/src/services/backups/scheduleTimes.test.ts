import type { BackupSchedule } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { backupsBeyondRetention, nextScheduledRun } from './scheduleTimes';

const daily: BackupSchedule = {
  frequency: 'daily',
  weekday: null,
  time: '02:30',
  retention: 3,
  enabled: true,
};

describe('nextScheduledRun', () => {
  it('runs later the same day when the time is still ahead', () => {
    expect(
      nextScheduledRun(daily, new Date('2026-11-30T01:00:00Z'))?.toISOString(),
    ).toBe('2026-11-30T02:30:00.000Z');
  });

  it('runs the next day once the time has passed (or is now)', () => {
    expect(
      nextScheduledRun(daily, new Date('2026-11-30T02:30:00Z'))?.toISOString(),
    ).toBe('2026-12-01T02:30:00.000Z');
    expect(
      nextScheduledRun(daily, new Date('2026-12-31T23:59:00Z'))?.toISOString(),
    ).toBe('2027-01-01T02:30:00.000Z');
  });

  it('runs weekly on the weekday asked for', () => {
    // 2026-11-30 is a Monday (1).
    const weekly = { ...daily, frequency: 'weekly' as const, weekday: 3 };
    expect(
      nextScheduledRun(weekly, new Date('2026-11-30T12:00:00Z'))?.toISOString(),
    ).toBe('2026-12-02T02:30:00.000Z');
    const monday = { ...weekly, weekday: 1 };
    expect(
      nextScheduledRun(monday, new Date('2026-11-30T01:00:00Z'))?.toISOString(),
    ).toBe('2026-11-30T02:30:00.000Z');
    expect(
      nextScheduledRun(monday, new Date('2026-11-30T03:00:00Z'))?.toISOString(),
    ).toBe('2026-12-07T02:30:00.000Z');
  });

  it('never runs a disabled schedule', () => {
    expect(
      nextScheduledRun({ ...daily, enabled: false }, new Date()),
    ).toBeNull();
  });
});

describe('backupsBeyondRetention', () => {
  const backup = (
    id: string,
    kind: string,
    day: number,
    status = 'succeeded',
  ) => ({
    id,
    kind,
    status,
    createdAt: `2026-11-${String(day).padStart(2, '0')}T02:30:00.000Z`,
  });

  it('picks the oldest scheduled backups beyond the count, never manual or failed ones', () => {
    const backups = [
      backup('s3', 'scheduled', 3),
      backup('m1', 'manual', 1),
      backup('s1', 'scheduled', 1),
      backup('s4', 'scheduled', 4),
      backup('f5', 'scheduled', 5, 'failed'),
      backup('s2', 'scheduled', 2),
    ];
    expect(backupsBeyondRetention(backups, 2).map(b => b.id)).toEqual([
      's2',
      's1',
    ]);
    expect(backupsBeyondRetention(backups, 4)).toEqual([]);
  });
});
