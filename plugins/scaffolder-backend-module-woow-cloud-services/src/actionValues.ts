import { InputError } from '@backstage/errors';
import {
  allSpecs,
  isSensitiveSpec,
  validateUserValues,
  type UserValue,
  type UserValues,
  type ValueSpec,
  type ValueSpecs,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** Step input values: what the template's expressions rendered to. */
export type RawValues = Record<
  string,
  string | number | boolean | null | undefined
>;

/**
 * Template expressions render form values as whatever JSON they look like:
 * a text value "8080" may arrive as a number, a select "true" as a boolean.
 * The value spec says what the value is, so it decides the type.
 */
export function coerceValue(
  spec: ValueSpec,
  value: string | number | boolean,
): UserValue {
  switch (spec.type) {
    case 'number':
      if (
        typeof value === 'string' &&
        value.trim() !== '' &&
        Number.isFinite(Number(value))
      ) {
        return Number(value);
      }
      return value;
    case 'boolean':
      if (value === 'true') return true;
      if (value === 'false') return false;
      return value;
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/**
 * The user values of one deploy or upgrade: plain values from the step
 * input, password values from the task's secrets (named by `secretValues`).
 * Empty and null values are left out unless `keepNull` (an upgrade's way of
 * saying "reset to the default"). Only password values may come from
 * secrets, so a template cannot route a secret into a value kept in clear.
 */
export function collectValues(options: {
  specs: ValueSpecs;
  values?: RawValues;
  secretValues?: Record<string, string>;
  secrets?: Record<string, string | undefined>;
  keepNull?: boolean;
}): { values: UserValues; resets: string[] } {
  const byKey = new Map(allSpecs(options.specs).map(spec => [spec.key, spec]));
  const values: UserValues = {};
  const resets: string[] = [];
  const unknown: string[] = [];

  for (const [key, raw] of Object.entries(options.values ?? {})) {
    const spec = byKey.get(key);
    if (!spec) {
      unknown.push(key);
      continue;
    }
    if (raw === null && options.keepNull) {
      resets.push(key);
      continue;
    }
    if (raw === null || raw === undefined || raw === '') continue;
    values[key] = coerceValue(spec, raw);
  }

  for (const [key, secretName] of Object.entries(options.secretValues ?? {})) {
    const spec = byKey.get(key);
    if (!spec) {
      unknown.push(key);
      continue;
    }
    if (!isSensitiveSpec(spec)) {
      throw new InputError(
        `secretValues.${key} is not a sensitive value of this application; only password and sensitive values are read from secrets`,
      );
    }
    // Own secrets only: a secret named "constructor" must not read Object's.
    const secrets = options.secrets ?? {};
    const secret = Object.hasOwn(secrets, secretName)
      ? secrets[secretName]
      : undefined;
    if (secret !== undefined && secret !== '') values[key] = secret;
  }

  if (unknown.length > 0) {
    throw new InputError(
      `Not configurable values of this application: ${unknown.join(', ')}`,
    );
  }
  return { values, resets };
}

/** Refuses values the backend would refuse, naming each field and rule (never the value). */
export function assertValidValues(
  specs: ValueSpecs,
  values: UserValues,
  options: { partial?: boolean } = {},
) {
  const problems = validateUserValues(specs, values, options);
  if (problems.length > 0) {
    throw new InputError(
      `Invalid values: ${problems
        .map(p => `${p.field} ${p.message}`)
        .join('; ')}`,
    );
  }
}
