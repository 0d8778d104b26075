import {
  findForbiddenKey,
  inspectRequestBody,
  jsonTextDepth,
  valueDepth,
} from './inputKeys';
import { valueSpecsSchema, userValuesSchema } from '../schemas/valueSpec';
import { helmChartSpecSchema } from '../schemas/template';
import { helmValuesSchema } from '../schemas/operator';
import { expandDottedValues } from '../schemas/valueValidation';

const nest = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('forbidden keys', () => {
  it.each([
    ['{"__proto__": {"x": 1}}', '__proto__'],
    ['{"a": {"b": [1, {"constructor": {}}]}}', 'a.b[1].constructor'],
    ['{"a": {"prototype": 1}}', 'a.prototype'],
    ['{"a.__proto__.polluted": "yes"}', 'a.__proto__.polluted'],
    [
      '{"helmValues": {"constructor.prototype.x": 1}}',
      'helmValues.constructor.prototype.x',
    ],
  ])('%s is refused at %s', (json, field) => {
    expect(inspectRequestBody(JSON.parse(json))).toEqual({
      field,
      message: expect.stringMatching(/is not allowed/),
    });
  });

  it.each([
    '{"proto": 1, "Constructor": 2, "__proto": 3, "prototypes": 4}',
    '{"a": ["__proto__", "constructor"]}',
    '[]',
    'null',
  ])('%s passes', json => {
    expect(inspectRequestBody(JSON.parse(json))).toBeUndefined();
    expect(findForbiddenKey(JSON.parse(json))).toBeUndefined();
  });

  it('is refused by the value, value-spec and default-values schemas', () => {
    const values = userValuesSchema.safeParse({ 'a.constructor': 'x' });
    expect(values.success).toBe(false);
    const helm = helmValuesSchema.safeParse(
      JSON.parse('{"a": {"__proto__": {"polluted": true}}}'),
    );
    expect(helm.success).toBe(false);
    expect(helm.error?.issues[0].path).toEqual(['a', '__proto__']);
    const chart = helmChartSpecSchema.safeParse({
      repository: 'local:',
      chartName: 'x',
      chartVersion: '1',
      defaultValues: JSON.parse('{"ok": {"prototype": 1}}'),
    });
    expect(chart.success).toBe(false);
    const specs = valueSpecsSchema.safeParse({
      required: [{ key: 'a.__proto__.b', label: 'A', type: 'text' }],
    });
    expect(specs.success).toBe(false);
    expect(specs.error?.issues[0].path).toEqual(['required', 0, 'key']);
  });

  it('never walks onto a prototype when expanding dotted values', () => {
    expect(() =>
      expandDottedValues({}, { '__proto__.polluted': 'yes' }),
    ).toThrow(/Refusing/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // An inherited name is not followed either.
    expect(expandDottedValues({}, { 'toString.x': 1 })).toEqual({
      toString: { x: 1 },
    });
  });
});

describe('nesting depth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a": [1, {"b": []}]}', 4],
    ['{"a": "[[[[{{{{"}', 1],
    ['{"a": "\\"[[["}', 1],
  ])('%s is %i deep', (json, depth) => {
    expect(jsonTextDepth(json)).toBe(depth);
    expect(valueDepth(JSON.parse(json))).toBe(depth);
  });

  it('refuses bodies deeper than the limit, also very deep ones', () => {
    expect(inspectRequestBody(nest(32))).toBeUndefined();
    expect(inspectRequestBody(nest(33))?.field).toBe('body');
    expect(inspectRequestBody(nest(100_000), { maxDepth: 32 })?.field).toBe(
      'body',
    );
    expect(jsonTextDepth('['.repeat(100_000), 32)).toBe(33);
  });
});
