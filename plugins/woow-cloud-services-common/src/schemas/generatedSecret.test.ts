import { GENERATED_SECRET_ALPHABETS } from './generatedSecret';
import { valueSpecSchema, valueSpecsSchema } from './valueSpec';
import {
  GENERATED_VALUE_MESSAGE,
  generatedValueErrors,
  isSensitiveSpec,
  isUserSettable,
  secretKeys,
} from './valueValidation';

const base = { key: 'n8n.encryption_key', label: 'Encryption Key' };

function problems(spec: Record<string, unknown>) {
  const result = valueSpecSchema.safeParse(spec);
  return result.success
    ? []
    : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
}

describe('generated secrets and sensitive values in value specs', () => {
  it('accepts a generated secret and defaults the alphabet', () => {
    const spec = valueSpecSchema.parse({
      ...base,
      type: 'password',
      generate: { length: 32 },
    });
    expect(spec.generate).toEqual({ length: 32, alphabet: 'alphanumeric' });
  });

  it('refuses bad generate settings, naming the field and rule', () => {
    expect(
      problems({ ...base, type: 'password', generate: { length: 8 } }),
    ).toEqual([expect.stringMatching(/^generate\.length: .*>=16/)]);
    expect(
      problems({
        ...base,
        type: 'password',
        generate: { length: 32, alphabet: 'emoji' },
      }),
    ).toEqual([expect.stringMatching(/^generate\.alphabet: /)]);
    expect(
      problems({
        ...base,
        type: 'password',
        generate: { length: 32, extra: 1 },
      }),
    ).toEqual([expect.stringMatching(/^generate: Unrecognized key/)]);
    expect(
      problems({ ...base, type: 'number', generate: { length: 32 } }),
    ).toEqual(['generate: only text and password values can be generated']);
    expect(
      problems({
        ...base,
        type: 'password',
        defaultValue: 'auto-generated',
        generate: { length: 32 },
      }),
    ).toEqual([
      expect.stringMatching(
        /^generate: a generated value takes no defaultValue/,
      ),
    ]);
    expect(
      problems({
        ...base,
        type: 'text',
        required: true,
        generate: { length: 32 },
      }),
    ).toEqual([
      'generate: a generated value is always set: leave required out',
    ]);
    expect(
      problems({
        ...base,
        type: 'text',
        sensitive: false,
        generate: { length: 32 },
      }),
    ).toEqual(['generate: a generated value is always sensitive']);
    expect(problems({ ...base, type: 'number', sensitive: true })).toEqual([
      'sensitive: only text and password values can be sensitive',
    ]);
    expect(problems({ ...base, type: 'password', sensitive: false })).toEqual([
      'sensitive: password values are always sensitive',
    ]);
  });

  it('counts passwords, generated secrets and sensitive values as secret', () => {
    const specs = valueSpecsSchema.parse({
      optional: [
        { key: 'a.password', label: 'P', type: 'password' },
        { key: 'a.apiKey', label: 'K', type: 'text', sensitive: true },
        { key: 'a.key', label: 'G', type: 'text', generate: { length: 16 } },
        { key: 'a.user', label: 'U', type: 'text' },
        { key: 'a.plain', label: 'T', type: 'text', sensitive: false },
      ],
    });
    expect(secretKeys(specs)).toEqual(['a.password', 'a.apiKey', 'a.key']);
    expect(specs.optional.map(isSensitiveSpec)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('refuses a generated value sent by a user unless the spec allows it, and any reset', () => {
    const specs = valueSpecsSchema.parse({
      optional: [
        { key: 'fixed', label: 'F', type: 'text', generate: { length: 16 } },
        {
          key: 'settable',
          label: 'S',
          type: 'password',
          generate: { length: 16, userSettable: true },
        },
        { key: 'user', label: 'U', type: 'text' },
      ],
    });
    expect(specs.optional.map(isUserSettable)).toEqual([false, true, true]);
    expect(
      generatedValueErrors(specs, { fixed: 'mine', settable: 'x', user: 'y' }),
    ).toEqual([{ field: 'fixed', message: GENERATED_VALUE_MESSAGE }]);
    expect(generatedValueErrors(specs, { settable: null })).toEqual([
      {
        field: 'settable',
        message: 'is a generated secret and cannot be reset',
      },
    ]);
    expect(generatedValueErrors(specs, { fixed: null })).toEqual([
      { field: 'fixed', message: GENERATED_VALUE_MESSAGE },
    ]);
    expect(generatedValueErrors(specs, { user: null })).toEqual([]);
    expect(generatedValueErrors(specs, { fixed: '' })).toEqual([]);
  });

  it('names alphabets whose characters need no quoting', () => {
    for (const chars of Object.values(GENERATED_SECRET_ALPHABETS)) {
      expect(chars).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(new Set(chars).size).toBe(chars.length);
    }
    expect(GENERATED_SECRET_ALPHABETS.base64url).toHaveLength(64);
  });
});
