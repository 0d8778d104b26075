import { compareVersions, isPrerelease } from './versionOrder';

describe('compareVersions', () => {
  it.each([
    ['0.2.0', '0.1.0', 1],
    ['0.10.0', '0.9.0', 1],
    ['1.0.0', '1.0.0', 0],
    ['1.0.0', '1.0.0-rc.1', 1],
    ['1.0.0-rc.2', '1.0.0-rc.10', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['v2.1', '2.0.9', 1],
    ['1.0.0+build.5', '1.0.0', 0],
  ])('%s vs %s: %d', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b)!)).toBe(sign);
  });

  it('is undefined for what is not a version', () => {
    expect(compareVersions('latest', '1.0.0')).toBeUndefined();
  });

  it('knows pre-releases', () => {
    expect(isPrerelease('1.0.0-rc.1')).toBe(true);
    expect(isPrerelease('1.0.0')).toBe(false);
  });
});
