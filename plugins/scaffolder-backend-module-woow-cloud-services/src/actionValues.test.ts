import { makeTemplate } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import { coerceValue, collectValues } from './actionValues';

const specs = makeTemplate().valueSpecs;
const spec = (key: string) =>
  [...specs.required, ...specs.optional].find(s => s.key === key)!;

describe('coerceValue', () => {
  it('gives each value the type of its spec, whatever the template rendered', () => {
    expect(coerceValue(spec('replicaCount'), '3')).toBe(3);
    expect(coerceValue(spec('metrics.enabled'), 'false')).toBe(false);
    expect(coerceValue(spec('auth.database'), 123)).toBe('123');
    expect(coerceValue(spec('tier'), true)).toBe('true');
    // Left as they are for validation to name the problem.
    expect(coerceValue(spec('replicaCount'), 'many')).toBe('many');
  });
});

describe('collectValues', () => {
  it('drops empty values, keeps null as a reset when asked, and reads secrets by name', () => {
    expect(
      collectValues({
        specs,
        values: { 'auth.database': '', tier: null, replicaCount: 2 },
        secretValues: {
          'auth.password': 'pw',
          'auth.replicationPassword': 'rpw',
        },
        secrets: { pw: 'p', rpw: '' },
        keepNull: true,
      }),
    ).toEqual({
      values: { replicaCount: 2, 'auth.password': 'p' },
      resets: ['tier'],
    });
  });

  it('reads only own task secrets, never one inherited from Object', () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      expect(
        collectValues({
          specs,
          secretValues: { 'auth.password': name },
          secrets: {},
        }),
      ).toEqual({ values: {}, resets: [] });
    }
  });

  it('names unknown keys', () => {
    expect(() =>
      collectValues({
        specs,
        values: { 'x.y': 1 },
        secretValues: { 'z.w': 's' },
      }),
    ).toThrow('Not configurable values of this application: x.y, z.w');
  });
});
