import { valueSpecsSchema } from './valueSpec';
import {
  expandDottedValues,
  immutableValueErrors,
  IMMUTABLE_VALUE_MESSAGE,
  secretKeys,
  validateUserValues,
  withSpecDefaults,
} from './valueValidation';

const specs = valueSpecsSchema.parse({
  required: [
    {
      key: 'auth.password',
      label: 'Password',
      type: 'password',
      required: true,
    },
    {
      key: 'auth.database',
      label: 'Database',
      type: 'text',
      defaultValue: 'app_db',
      pattern: '[a-z_]+',
    },
  ],
  optional: [
    {
      key: 'persistence.size',
      label: 'Size',
      type: 'select',
      defaultValue: '8Gi',
      options: ['8Gi', '16Gi'],
    },
    { key: 'replicas', label: 'Replicas', type: 'number', min: 1, max: 3 },
    { key: 'metrics.enabled', label: 'Metrics', type: 'boolean' },
  ],
});

describe('validateUserValues', () => {
  it('accepts valid values', () => {
    expect(
      validateUserValues(specs, {
        'auth.password': 's3cret',
        replicas: 2,
        'metrics.enabled': true,
        'persistence.size': '16Gi',
      }),
    ).toEqual([]);
  });

  it('names each field and the rule it broke', () => {
    expect(
      validateUserValues(specs, {
        'auth.database': 'Bad-Name',
        replicas: 9,
        'metrics.enabled': 'yes',
        'persistence.size': '1Ti',
        'image.repository': 'evil/image',
      }),
    ).toEqual([
      {
        field: 'image.repository',
        message: 'is not a configurable value of this application',
      },
      { field: 'auth.password', message: 'is required' },
      { field: 'auth.database', message: 'must match the pattern [a-z_]+' },
      { field: 'persistence.size', message: 'must be one of: 8Gi, 16Gi' },
      { field: 'replicas', message: 'must be at most 3' },
      { field: 'metrics.enabled', message: 'must be true or false' },
    ]);
  });

  it('skips the required check for partial updates', () => {
    expect(
      validateUserValues(specs, { replicas: 1 }, { partial: true }),
    ).toEqual([]);
  });
});

describe('value helpers', () => {
  it('merges defaults and expands dotted keys without touching the base', () => {
    const base = {
      auth: { enabled: true },
      primary: { persistence: { enabled: true } },
    };
    const merged = withSpecDefaults(specs, { 'auth.password': 'x' });
    expect(merged).toEqual({
      'auth.password': 'x',
      'auth.database': 'app_db',
      'persistence.size': '8Gi',
    });
    expect(expandDottedValues(base, merged)).toEqual({
      auth: { enabled: true, password: 'x', database: 'app_db' },
      primary: { persistence: { enabled: true } },
      persistence: { size: '8Gi' },
    });
    expect(base).toEqual({
      auth: { enabled: true },
      primary: { persistence: { enabled: true } },
    });
  });

  it('lists password keys', () => {
    expect(secretKeys(specs)).toEqual(['auth.password']);
  });

  it('refuses malformed specs', () => {
    const result = valueSpecsSchema.safeParse({
      required: [{ key: 'a', label: 'A', type: 'select' }],
      optional: [{ key: 'a', label: 'A again', type: 'number', pattern: '(' }],
    });
    expect(result.success).toBe(false);
  });
});

describe('immutableValueErrors', () => {
  const fixed = valueSpecsSchema.parse({
    optional: [
      {
        key: 'persistence.size',
        label: 'Size',
        type: 'select',
        defaultValue: '8Gi',
        options: ['8Gi', '16Gi'],
        immutable: true,
      },
      { key: 'replicas', label: 'Replicas', type: 'number' },
    ],
  });

  it('refuses a change of an immutable value, naming the field and the rule', () => {
    expect(
      immutableValueErrors(
        fixed,
        { 'persistence.size': '8Gi', replicas: 1 },
        { 'persistence.size': '16Gi', replicas: 1 },
      ),
    ).toEqual([
      { field: 'persistence.size', message: IMMUTABLE_VALUE_MESSAGE },
    ]);
  });

  it('lets the same value and changes of other values through', () => {
    expect(
      immutableValueErrors(
        fixed,
        { 'persistence.size': '8Gi', replicas: 1 },
        { 'persistence.size': '8Gi', replicas: 3 },
      ),
    ).toEqual([]);
  });

  it('is off unless the spec says so', () => {
    expect(fixed.optional[1].immutable).toBeUndefined();
    expect(
      immutableValueErrors(
        specs,
        { 'persistence.size': '8Gi' },
        { 'persistence.size': '16Gi' },
      ),
    ).toEqual([]);
  });
});
