import { InputError } from '@backstage/errors';
import {
  effectiveQuota,
  hardToQuota,
  parseQuantity,
  quotaToHard,
} from './quota';

const defaults = {
  requestsCpu: '8',
  requestsMemory: '16Gi',
  limitsCpu: '16',
  limitsMemory: '32Gi',
  persistentVolumeClaims: 10,
  requestsStorage: '100Gi',
};
const maxima = {
  ...defaults,
  requestsCpu: '32',
  requestsMemory: '64Gi',
  persistentVolumeClaims: 20,
};

describe('quota', () => {
  it('parses quantities', () => {
    expect(parseQuantity('500m')).toBe(0.5);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('16Gi')).toBe(16 * 2 ** 30);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(() => parseQuantity('lots')).toThrow(InputError);
  });

  it('applies overrides within the maxima', () => {
    expect(
      effectiveQuota(defaults, maxima, {
        requestsCpu: '32000m',
        persistentVolumeClaims: 5,
      }),
    ).toEqual({
      ...defaults,
      requestsCpu: '32000m',
      persistentVolumeClaims: 5,
    });
  });

  it('refuses an override beyond the maximum, naming the field', () => {
    expect(() =>
      effectiveQuota(defaults, maxima, { requestsMemory: '65Gi' }),
    ).toThrow(
      'quota.requestsMemory (requests.memory) = 65Gi exceeds the maximum 64Gi',
    );
    expect(() =>
      effectiveQuota(defaults, maxima, { persistentVolumeClaims: 21 }),
    ).toThrow(/persistentVolumeClaims/);
  });

  it('converts to and from ResourceQuota spec.hard (the spec names)', () => {
    const hard = quotaToHard(defaults);
    expect(hard).toEqual({
      'requests.cpu': '8',
      'requests.memory': '16Gi',
      'limits.cpu': '16',
      'limits.memory': '32Gi',
      persistentvolumeclaims: '10',
      'requests.storage': '100Gi',
    });
    expect(hardToQuota(hard, maxima)).toEqual(defaults);
  });
});
