import execa from 'execa';
import { parse } from 'yaml';

/**
 * The chart's own defaults: `helm show values` of the packaged chart (the
 * parent chart's values.yaml, as a user reading the chart would see it).
 */
export async function chartDefaultValues(
  helmBinary: string,
  chartArchive: string,
): Promise<Record<string, unknown>> {
  const { stdout } = await execa(helmBinary, ['show', 'values', chartArchive]);
  const parsed = parse(stdout);
  return parsed && typeof parsed === 'object' ? parsed : {};
}

/** Whether a dotted value path (`auth.password`) is declared in the values. */
export function hasValueKey(
  values: Record<string, unknown>,
  dottedKey: string,
): boolean {
  let at: unknown = values;
  for (const part of dottedKey.split('.')) {
    if (
      !at ||
      typeof at !== 'object' ||
      Array.isArray(at) ||
      !Object.prototype.hasOwnProperty.call(at, part)
    ) {
      return false;
    }
    at = (at as Record<string, unknown>)[part];
  }
  return true;
}

export interface ValueKeyCheck {
  /** Keys declared in the chart's values. */
  found: string[];
  /** Keys the chart does not declare and nobody said why. */
  missing: string[];
  /** Keys excused (with a reason) that the chart declares after all: the excuse is stale. */
  staleExcuses: string[];
}

/**
 * Checks value-spec keys against the chart's values. `excused` lists keys the
 * chart reads without defaulting them (commented out in values.yaml, or
 * entries of a free-form map), each with the reason.
 */
export function checkValueKeys(
  values: Record<string, unknown>,
  keys: string[],
  excused: Record<string, string> = {},
): ValueKeyCheck {
  const found = keys.filter(k => hasValueKey(values, k));
  return {
    found,
    missing: keys.filter(k => !found.includes(k) && !(k in excused)),
    staleExcuses: Object.keys(excused).filter(
      k => !keys.includes(k) || found.includes(k),
    ),
  };
}

/** An entry of a container's Kubernetes `resources` map (requests or limits). */
const RESOURCES_ENTRY =
  /^(.+\.)?resources\.(requests|limits)\.(cpu|memory|ephemeral-storage)$/;

/**
 * Whether the chart declares a plan's value key: the key itself, or, for an
 * entry of a container's `resources` map (`primary.resources.requests.cpu`),
 * that `resources` map: charts default it to `{}` and pass it to the
 * container as it is, so its entries are Kubernetes' own fields.
 */
export function hasPlanValueKey(
  values: Record<string, unknown>,
  dottedKey: string,
): boolean {
  if (hasValueKey(values, dottedKey)) return true;
  const entry = RESOURCES_ENTRY.exec(dottedKey);
  return entry !== null && hasValueKey(values, `${entry[1] ?? ''}resources`);
}
