import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSettings } from './config';

const MARKETPLACE = path.resolve(__dirname, '../../../marketplace');

describe('readSettings: marketplace locations', () => {
  const withLocations = (locations?: string[]) =>
    new ConfigReader({
      woowCloudServices: {
        baseDomain: 'apps.example.com',
        ...(locations && { marketplace: { locations } }),
      },
    });

  it('resolves configured locations against the working directory', () => {
    const cwd = path.dirname(MARKETPLACE);
    expect(
      readSettings(withLocations(['marketplace']), cwd).marketplaceLocations,
    ).toEqual([MARKETPLACE]);
  });

  it('refuses a location that does not exist, naming the key and the path', () => {
    const cwd = path.dirname(MARKETPLACE);
    expect(() =>
      readSettings(withLocations(['marketplace', 'marketplaec']), cwd),
    ).toThrow(
      `woowCloudServices.marketplace.locations[1]: ${path.join(
        cwd,
        'marketplaec',
      )} does not exist ("marketplaec" from ${cwd})`,
    );
    expect(() =>
      readSettings(withLocations(['/nowhere/marketplace']), cwd),
    ).toThrow(
      /^woowCloudServices\.marketplace\.locations\[0\]: \/nowhere\/marketplace does not exist$/,
    );
  });

  it('keeps an explicit empty list (an empty marketplace on purpose)', () => {
    expect(readSettings(withLocations([]), '/').marketplaceLocations).toEqual(
      [],
    );
  });

  it('defaults to the nearest marketplace/ directory, and says so when there is none', () => {
    const nested = path.join(path.dirname(MARKETPLACE), 'packages', 'backend');
    expect(readSettings(withLocations(), nested).marketplaceLocations).toEqual([
      MARKETPLACE,
    ]);

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'woow-no-market-'));
    try {
      expect(() => readSettings(withLocations(), empty)).toThrow(
        `woowCloudServices.marketplace.locations is not set and there is no marketplace/ directory at or up to four levels above ${empty}`,
      );
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('readSettings: the base domain', () => {
  it('is required, with no company default: the error names the key', () => {
    expect(() =>
      readSettings(
        new ConfigReader({
          woowCloudServices: { marketplace: { locations: [] } },
        }),
        '/',
      ),
    ).toThrow(/^woowCloudServices\.baseDomain is required/);
  });
});
