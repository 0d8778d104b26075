import { checkValueKeys, hasPlanValueKey, hasValueKey } from './chartValueKeys';

const values = {
  auth: { password: '', database: null },
  persistence: { size: '8Gi' },
  extraEnv: [{ name: 'A' }],
  empty: {},
};

describe('hasValueKey', () => {
  it('follows dotted paths through maps, keys with empty values included', () => {
    expect(hasValueKey(values, 'auth.password')).toBe(true);
    expect(hasValueKey(values, 'auth.database')).toBe(true);
    expect(hasValueKey(values, 'persistence.size')).toBe(true);
  });

  it('says no for an absent key, a path through a leaf, a list or an empty map', () => {
    expect(hasValueKey(values, 'auth.username')).toBe(false);
    expect(hasValueKey(values, 'persistence.size.value')).toBe(false);
    expect(hasValueKey(values, 'extraEnv.0')).toBe(false);
    expect(hasValueKey(values, 'empty.anything')).toBe(false);
    expect(hasValueKey(values, 'toString')).toBe(false);
  });
});

describe('checkValueKeys', () => {
  it('splits keys into found and missing, leaving excused ones out', () => {
    expect(
      checkValueKeys(values, ['auth.password', 'auth.user', 'empty.KEY'], {
        'empty.KEY': 'a free-form map',
      }),
    ).toEqual({
      found: ['auth.password'],
      missing: ['auth.user'],
      staleExcuses: [],
    });
  });

  it('reports an excuse for a key the chart declares, or no spec has, as stale', () => {
    expect(
      checkValueKeys(values, ['auth.password'], {
        'auth.password': 'not defaulted',
        'gone.key': 'was a spec once',
      }).staleExcuses,
    ).toEqual(['auth.password', 'gone.key']);
  });
});

describe('hasPlanValueKey', () => {
  const chartValues = {
    primary: { resources: {}, persistence: { size: '8Gi' } },
    resources: { requests: { cpu: '300m' } },
  };

  it('accepts keys the chart declares and entries of a declared resources map', () => {
    expect(hasPlanValueKey(chartValues, 'primary.persistence.size')).toBe(true);
    expect(hasPlanValueKey(chartValues, 'primary.resources.requests.cpu')).toBe(
      true,
    );
    expect(hasPlanValueKey(chartValues, 'resources.limits.memory')).toBe(true);
  });

  it('refuses keys under a resources map the chart does not have, or not Kubernetes fields', () => {
    expect(hasPlanValueKey(chartValues, 'master.resources.requests.cpu')).toBe(
      false,
    );
    expect(hasPlanValueKey(chartValues, 'primary.resources.requests.gpu')).toBe(
      false,
    );
    expect(hasPlanValueKey(chartValues, 'primary.persistence.sizes')).toBe(
      false,
    );
  });
});
