import {
  allSpecs,
  diffEntries,
  expandDottedValues,
  generatedValueErrors,
  immutableValueErrors,
  MASKED_SECRET,
  secretKeys,
  validateUserValues,
  withSpecDefaults,
  type CloudService,
  type FieldError,
  type UpgradePreview,
  type UserValues,
  type ValueSpecs,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * User values as stored in `cloud_services.helm_values` and returned by the
 * API: plain values as they are, password values replaced by `{ isSet: true }`
 * (the real ones live encrypted in `helm_secrets`).
 */
export type StoredValues = CloudService['helmValues'];

/** Field errors of values name the body field: `helmValues.<dotted key>`. */
export function valueFieldErrors(errors: FieldError[]): FieldError[] {
  return errors.map(e => ({
    field: `helmValues.${e.field}`,
    message: e.message,
  }));
}

/** Splits merged user values into what is stored in clear and the secrets. */
export function splitSecrets(
  specs: ValueSpecs,
  values: UserValues,
): { stored: StoredValues; secrets: UserValues } {
  const secretSet = new Set(secretKeys(specs));
  const stored: StoredValues = {};
  const secrets: UserValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (secretSet.has(key)) {
      secrets[key] = value;
      stored[key] = { ...MASKED_SECRET };
    } else {
      stored[key] = value;
    }
  }
  return { stored, secrets };
}

/** The user values again: stored values with the secrets put back. */
export function joinSecrets(
  stored: StoredValues,
  secrets: UserValues,
): UserValues {
  const values: UserValues = {};
  for (const [key, value] of Object.entries(stored)) {
    if (typeof value === 'object') {
      if (secrets[key] !== undefined) values[key] = secrets[key];
    } else {
      values[key] = value;
    }
  }
  return values;
}

/** The values file helm gets: template defaults with the user values set over them. */
export function helmValuesFor(
  defaultValues: Record<string, unknown>,
  values: UserValues,
): Record<string, unknown> {
  return expandDottedValues(defaultValues, values);
}

/** Keys of stored values that the specs no longer declare. */
export function undeclaredKeys(
  specs: ValueSpecs,
  values: Record<string, unknown>,
): string[] {
  const declared = new Set(allSpecs(specs).map(s => s.key));
  return Object.keys(values).filter(k => !declared.has(k));
}

export type ValueChanges = Record<string, string | number | boolean | null>;

/**
 * Applies a PATCH's value changes to the current user values: a value
 * replaces, `null` resets to the spec default; values not named stay; an
 * `immutable` value may not change. Values
 * the specs no longer declare are dropped and returned, so the caller can
 * report them. Returns field errors (named `helmValues.<key>`) instead of
 * values when anything is invalid, including stale stored values.
 */
export function applyValueChanges(
  specs: ValueSpecs,
  current: UserValues,
  changes: ValueChanges,
):
  | { ok: true; values: UserValues; dropped: string[] }
  | { ok: false; errors: FieldError[] } {
  const dropped = undeclaredKeys(specs, current);
  const next: UserValues = { ...current };
  for (const key of dropped) delete next[key];

  const sent: UserValues = {};
  const unknown: FieldError[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) {
      if (undeclaredKeys(specs, { [key]: true }).length) {
        unknown.push({
          field: key,
          message: 'is not a configurable value of this application',
        });
      }
      delete next[key];
    } else {
      sent[key] = value;
      next[key] = value;
    }
  }
  const errors = [
    ...unknown,
    ...generatedValueErrors(specs, changes),
    ...validateUserValues(specs, sent, { partial: true }),
  ];
  if (errors.length === 0) {
    // The result as a whole: required values still set, stored values still valid.
    errors.push(...validateUserValues(specs, withSpecDefaults(specs, next)));
  }
  if (errors.length === 0) {
    // Values fixed at launch stay as deployed (a reset to the default included).
    const deployed: UserValues = { ...current };
    for (const key of dropped) delete deployed[key];
    errors.push(
      ...immutableValueErrors(
        specs,
        withSpecDefaults(specs, deployed),
        withSpecDefaults(specs, next),
      ),
    );
  }
  if (errors.length > 0)
    return { ok: false, errors: valueFieldErrors(dedupe(errors)) };
  return { ok: true, values: withSpecDefaults(specs, next), dropped };
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter(e => {
    const id = `${e.field}\u0000${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Value-level changes between two stored (masked) value sets, for the preview. */
export function diffStoredValues(
  from: StoredValues,
  to: StoredValues,
  changedSecrets: ReadonlySet<string>,
): UpgradePreview['values'] {
  // A changed secret is masked the same on both sides: changed all the same.
  return diffEntries(
    new Map(Object.entries(from)),
    new Map(Object.entries(to)),
    (a, b, key) =>
      JSON.stringify(a) === JSON.stringify(b) && !changedSecrets.has(key),
  );
}
