import type { ValueSpecs } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  applyValueChanges,
  diffStoredValues,
  helmValuesFor,
  joinSecrets,
  splitSecrets,
} from './values';

const specs: ValueSpecs = {
  required: [
    {
      key: 'auth.password',
      label: 'Password',
      type: 'password',
      required: true,
    },
  ],
  optional: [
    {
      key: 'replicas',
      label: 'Replicas',
      type: 'number',
      required: false,
      defaultValue: 1,
      min: 1,
      max: 3,
    },
    {
      key: 'size',
      label: 'Size',
      type: 'select',
      required: false,
      defaultValue: '1Gi',
      options: ['1Gi', '2Gi'],
    },
    { key: 'name', label: 'Name', type: 'text', required: false },
  ],
};

describe('values', () => {
  it('stores passwords masked and puts them back for helm only', () => {
    const { stored, secrets } = splitSecrets(specs, {
      'auth.password': 's3cret',
      replicas: 2,
    });
    expect(stored).toEqual({ 'auth.password': { isSet: true }, replicas: 2 });
    expect(secrets).toEqual({ 'auth.password': 's3cret' });
    expect(JSON.stringify(stored)).not.toContain('s3cret');
    const values = joinSecrets(stored, secrets);
    expect(helmValuesFor({ auth: { enabled: true } }, values)).toEqual({
      auth: { enabled: true, password: 's3cret' },
      replicas: 2,
    });
  });

  it('applies changes: replace, reset with null, keep the rest', () => {
    const result = applyValueChanges(
      specs,
      { 'auth.password': 'old', replicas: 3, name: 'n' },
      { replicas: null, size: '2Gi' },
    );
    expect(result).toEqual({
      ok: true,
      values: { 'auth.password': 'old', replicas: 1, size: '2Gi', name: 'n' },
      dropped: [],
    });
  });

  it('reports values the specs no longer declare instead of sending them', () => {
    const result = applyValueChanges(
      specs,
      { 'auth.password': 'p', legacy: 'x' },
      {},
    );
    expect(result).toMatchObject({ ok: true, dropped: ['legacy'] });
    expect((result as any).values).not.toHaveProperty('legacy');
  });

  it('names every invalid field, prefixed with helmValues', () => {
    const result = applyValueChanges(
      specs,
      { 'auth.password': 'p' },
      { replicas: 7, size: '9Gi', nope: 1, 'auth.password': null },
    );
    expect(result.ok).toBe(false);
    expect((result as any).errors.map((e: any) => e.field).sort()).toEqual([
      'helmValues.nope',
      'helmValues.replicas',
      'helmValues.size',
    ]);
    const missing = applyValueChanges(
      specs,
      { 'auth.password': 'p' },
      { 'auth.password': null },
    );
    expect(missing).toEqual({
      ok: false,
      errors: [{ field: 'helmValues.auth.password', message: 'is required' }],
    });
  });

  it('diffs stored values, counting a changed secret without showing it', () => {
    expect(
      diffStoredValues(
        { a: 1, p: { isSet: true }, gone: 'x' },
        { a: 2, p: { isSet: true }, fresh: true },
        new Set(['p']),
      ),
    ).toEqual([
      { key: 'a', change: 'changed', from: 1, to: 2 },
      { key: 'fresh', change: 'added', to: true },
      { key: 'gone', change: 'removed', from: 'x' },
      {
        key: 'p',
        change: 'changed',
        from: { isSet: true },
        to: { isSet: true },
      },
    ]);
  });
});

describe('immutable values', () => {
  const fixed: ValueSpecs = {
    required: [],
    optional: [
      {
        key: 'size',
        label: 'Size',
        type: 'select',
        required: false,
        defaultValue: '1Gi',
        options: ['1Gi', '2Gi'],
        immutable: true,
      },
      { key: 'name', label: 'Name', type: 'text', required: false },
    ],
  };

  it('refuses a change of an immutable value with the field and the rule', () => {
    const result = applyValueChanges(fixed, { size: '1Gi' }, { size: '2Gi' });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'helmValues.size',
          message:
            'is fixed at launch (immutable) and cannot be changed on a deployed service',
        },
      ],
    });
  });

  it('refuses a reset that would change it too, but not the same value or other changes', () => {
    expect(applyValueChanges(fixed, { size: '2Gi' }, { size: null }).ok).toBe(
      false,
    );
    expect(applyValueChanges(fixed, { size: '2Gi' }, { size: '2Gi' })).toEqual({
      ok: true,
      values: { size: '2Gi' },
      dropped: [],
    });
    expect(applyValueChanges(fixed, {}, { name: 'x' })).toEqual({
      ok: true,
      values: { size: '1Gi', name: 'x' },
      dropped: [],
    });
  });
});
