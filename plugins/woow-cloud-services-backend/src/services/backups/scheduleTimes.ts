import type { BackupSchedule } from '@woowtech/backstage-plugin-woow-cloud-services-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The first time strictly after `after` at which the schedule runs (UTC):
 * daily at `time`, or weekly on `weekday` at `time`. Null when disabled.
 */
export function nextScheduledRun(
  schedule: BackupSchedule,
  after: Date,
): Date | null {
  if (!schedule.enabled) return null;
  const [hours, minutes] = schedule.time.split(':').map(Number);
  const candidate = new Date(
    Date.UTC(
      after.getUTCFullYear(),
      after.getUTCMonth(),
      after.getUTCDate(),
      hours,
      minutes,
    ),
  );
  if (schedule.frequency === 'weekly') {
    const days = ((schedule.weekday ?? 0) - candidate.getUTCDay() + 7) % 7;
    candidate.setTime(candidate.getTime() + days * DAY_MS);
    if (candidate <= after) candidate.setTime(candidate.getTime() + 7 * DAY_MS);
  } else if (candidate <= after) {
    candidate.setTime(candidate.getTime() + DAY_MS);
  }
  return candidate;
}

/**
 * The scheduled backups to delete so that `retention` remain: the oldest
 * beyond the count, among scheduled backups that succeeded (a failed run
 * holds no data and never pushes a good one out). Manual backups are never
 * chosen. `backups` may come in any order.
 */
export function backupsBeyondRetention<
  T extends { kind: string; status: string; createdAt: string },
>(backups: T[], retention: number): T[] {
  const kept = backups
    .filter(b => b.kind === 'scheduled' && b.status === 'succeeded')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return kept.slice(retention);
}
