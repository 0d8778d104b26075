import { isForbiddenKey } from '../safety/inputKeys';
import { matchesPattern } from '../safety/valuePattern';
import type { UserValue, UserValues, ValueSpec, ValueSpecs } from './valueSpec';

/** One field-level problem; `field` is the value's dotted key. */
export interface FieldError {
  field: string;
  message: string;
}

export function allSpecs(specs: ValueSpecs): ValueSpec[] {
  return [...specs.required, ...specs.optional];
}

function checkOne(spec: ValueSpec, value: UserValue): string | undefined {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return 'must be a number';
      }
      if (spec.min !== undefined && value < spec.min) {
        return `must be at least ${spec.min}`;
      }
      if (spec.max !== undefined && value > spec.max) {
        return `must be at most ${spec.max}`;
      }
      return undefined;
    }
    case 'select':
      return typeof value === 'string' && spec.options?.includes(value)
        ? undefined
        : `must be one of: ${spec.options?.join(', ')}`;
    case 'text':
    case 'password': {
      if (typeof value !== 'string') return 'must be text';
      if (value.length > 4096) return 'must be at most 4096 characters';
      if (spec.pattern && !matchesPattern(spec.pattern, value)) {
        return spec.patternDescription
          ? `must match ${spec.patternDescription}`
          : `must match the pattern ${spec.pattern}`;
      }
      return undefined;
    }
    default:
      return 'has an unknown type';
  }
}

/**
 * Checks user values against a template's specs: unknown keys are refused
 * (the whitelist), required values must be present (or have a default),
 * each value must fit its type and bounds. `partial` skips the required
 * check (for upgrades that only send what changed).
 */
export function validateUserValues(
  specs: ValueSpecs,
  values: UserValues,
  options: { partial?: boolean } = {},
): FieldError[] {
  const errors: FieldError[] = [];
  const byKey = new Map(allSpecs(specs).map(spec => [spec.key, spec]));
  for (const key of Object.keys(values)) {
    if (!byKey.has(key)) {
      errors.push({
        field: key,
        message: 'is not a configurable value of this application',
      });
    }
  }
  for (const spec of byKey.values()) {
    const value = values[spec.key];
    const missing =
      value === undefined || (typeof value === 'string' && value === '');
    if (missing) {
      if (
        !options.partial &&
        spec.required &&
        spec.defaultValue === undefined
      ) {
        errors.push({ field: spec.key, message: 'is required' });
      }
      continue;
    }
    const problem = checkOne(spec, value);
    if (problem) errors.push({ field: spec.key, message: problem });
  }
  return errors;
}

/** Spec defaults overlaid with the user's values (flat, dotted keys). */
export function withSpecDefaults(
  specs: ValueSpecs,
  values: UserValues,
): UserValues {
  const merged: UserValues = {};
  for (const spec of allSpecs(specs)) {
    if (spec.defaultValue !== undefined) merged[spec.key] = spec.defaultValue;
  }
  for (const [key, value] of Object.entries(values)) {
    if (value !== '' && value !== undefined) merged[key] = value;
  }
  return merged;
}

/** The message of a change to an immutable value (one wording for API and form). */
export const IMMUTABLE_VALUE_MESSAGE =
  'is fixed at launch (immutable) and cannot be changed on a deployed service';

/**
 * Changes to values whose spec is `immutable`, between a service's values as
 * deployed and as a change would make them (both with spec defaults): one
 * field error each. Settable at launch; after that, refused.
 */
export function immutableValueErrors(
  specs: ValueSpecs,
  before: UserValues,
  after: UserValues,
): FieldError[] {
  return allSpecs(specs)
    .filter(spec => spec.immutable && before[spec.key] !== after[spec.key])
    .map(spec => ({ field: spec.key, message: IMMUTABLE_VALUE_MESSAGE }));
}

/** Keys of password values: they are encrypted at rest and never returned. */
export function secretKeys(specs: ValueSpecs): string[] {
  return allSpecs(specs)
    .filter(spec => spec.type === 'password')
    .map(spec => spec.key);
}

type Tree = { [key: string]: unknown };

/** `{ 'a.b': 1 }` -> `{ a: { b: 1 } }`, merged over a base tree (not mutated). */
export function expandDottedValues(base: Tree, values: UserValues): Tree {
  const result: Tree = structuredClone(base);
  for (const [dotted, value] of Object.entries(values)) {
    const parts = dotted.split('.');
    // Schemas refuse these keys at every boundary; this is the last line, so
    // that no key can ever walk onto a prototype here.
    if (parts.some(isForbiddenKey)) {
      throw new Error(`Refusing the value key "${dotted}"`);
    }
    let node = result;
    for (const part of parts.slice(0, -1)) {
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (typeof next !== 'object' || next === null || Array.isArray(next)) {
        node[part] = {};
      }
      node = node[part] as Tree;
    }
    node[parts[parts.length - 1]] = value;
  }
  return result;
}
