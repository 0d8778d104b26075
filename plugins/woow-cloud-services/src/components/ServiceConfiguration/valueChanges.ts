import {
  allSpecs,
  isSensitiveSpec,
  isUserSettable,
  withSpecDefaults,
  type CloudService,
  type UpdateServiceRequest,
  type UserValue,
  type UserValues,
  type ValueSpecs,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

export type ValueChanges = NonNullable<UpdateServiceRequest['helmValues']>;

type StoredValue = CloudService['helmValues'][string];

function isMasked(value: StoredValue | undefined): value is { isSet: boolean } {
  return typeof value === 'object' && value !== null;
}

/** Password keys the server says have a value (it never sends the value). */
export function secretsSetOf(service: CloudService): Set<string> {
  return new Set(
    Object.entries(service.helmValues)
      .filter(([, v]) => isMasked(v) && v.isSet)
      .map(([k]) => k),
  );
}

/** The edit form's starting point: current values over spec defaults, secrets empty. */
export function initialFormValues(
  specs: ValueSpecs,
  service: CloudService,
): UserValues {
  const plain: UserValues = {};
  for (const [key, value] of Object.entries(service.helmValues)) {
    if (!isMasked(value)) plain[key] = value;
  }
  return withSpecDefaults(specs, plain);
}

/**
 * What the user changed, as a PATCH sends it: changed values, `null` for a
 * value emptied back to its default, and a sensitive value (password,
 * `sensitive: true`, generated) only when one was typed (an empty field
 * means "keep the current one"); never a generated value a user may not set.
 */
export function computeChanges(
  specs: ValueSpecs,
  initial: UserValues,
  form: UserValues,
): ValueChanges {
  const changes: ValueChanges = {};
  for (const spec of allSpecs(specs)) {
    const next: UserValue | undefined = form[spec.key];
    if (!isUserSettable(spec)) continue;
    if (isSensitiveSpec(spec)) {
      if (typeof next === 'string' && next !== '') changes[spec.key] = next;
      continue;
    }
    const before = initial[spec.key];
    if (next === before) continue;
    if (next === undefined || next === '') {
      if (before !== undefined && before !== '') changes[spec.key] = null;
    } else {
      changes[spec.key] = next;
    }
  }
  return changes;
}

/** How a stored value reads in the values table. */
export function displayValue(value: StoredValue | undefined): string {
  if (value === undefined) return 'default';
  if (isMasked(value)) return value.isSet ? 'set' : 'not set';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}
