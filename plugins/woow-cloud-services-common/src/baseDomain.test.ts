import { readBaseDomain } from './baseDomain';

// A Backstage Config as readBaseDomain sees it.
const withBaseDomain = (baseDomain?: string) => ({
  getOptionalString: (key: string) =>
    key === 'woowCloudServices.baseDomain' ? baseDomain : undefined,
});

describe('readBaseDomain', () => {
  it('reads woowCloudServices.baseDomain', () => {
    expect(readBaseDomain(withBaseDomain('apps.example.com'))).toBe(
      'apps.example.com',
    );
  });

  it('is required: no default domain', () => {
    expect(() => readBaseDomain(withBaseDomain())).toThrow(
      /^woowCloudServices\.baseDomain is required/,
    );
  });

  it('refuses a value that is not a lower-case DNS name, naming the key', () => {
    expect(() => readBaseDomain(withBaseDomain('Apps_Example'))).toThrow(
      'woowCloudServices.baseDomain "Apps_Example" must be a lower-case DNS name',
    );
  });
});
