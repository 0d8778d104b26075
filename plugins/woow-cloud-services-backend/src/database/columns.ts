/*
 * Conversions between column values and JS values that differ between
 * PostgreSQL and SQLite: timestamps come back as Date (pg) or epoch
 * milliseconds (SQLite), booleans as boolean or 0/1, decimals as strings (pg).
 */

export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') {
    // SQLite may hand back numeric strings for integer-affinity columns.
    return /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  }
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

export function toOptionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function toIso(value: unknown): string {
  return toDate(value).toISOString();
}

export function toOptionalIso(value: unknown): string | null {
  return value === null || value === undefined ? null : toIso(value);
}

export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function parseJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  if (typeof value !== 'string') return value as T;
  return JSON.parse(value) as T;
}

/**
 * Which column a unique-constraint violation is about, or undefined when the
 * error is something else. PostgreSQL reports the constraint name
 * (`cloud_services_subdomain_unique`), SQLite the column
 * (`UNIQUE constraint failed: cloud_services.subdomain`).
 */
export function uniqueViolationColumn(
  error: unknown,
  table: string,
  columns: string[],
): string | undefined {
  const e = error as { code?: string; constraint?: string; message?: string };
  const isUnique =
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed|duplicate key value/i.test(e?.message ?? '');
  if (!isUnique) return undefined;
  const text = `${e.constraint ?? ''} ${e.message ?? ''}`;
  return (
    columns.find(
      c =>
        text.includes(`${table}.${c}`) ||
        text.includes(`${table}_${c}_unique`) ||
        (text.includes(`${table}_pkey`) && c === 'id'),
    ) ?? columns.find(c => text.includes(c))
  );
}
