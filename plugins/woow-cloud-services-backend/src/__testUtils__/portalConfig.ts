import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import path from 'node:path';
import { readSettings, type CloudServicesSettings } from '../config';
// tools/testenv is not a workspace package: its files are imported by path.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  TEST_BASE_DOMAIN,
  TEST_TLS_SECRET_NAME,
} from '../../../../tools/testenv/lib/portalConfig.mjs';

export { TEST_BASE_DOMAIN, TEST_TLS_SECRET_NAME };

/** The repository's marketplace: what production ships. */
export const MARKETPLACE = path.resolve(__dirname, '../../../../marketplace');

/** The fixture app's marketplace entry: the sandbox's and the tests' only. */
export const FIXTURE_MARKETPLACE = path.resolve(
  __dirname,
  '../../../../test-fixtures/marketplace',
);

/** What every test portal loads, as app-config.yaml's sandbox does. */
export const TEST_MARKETPLACE_LOCATIONS = [MARKETPLACE, FIXTURE_MARKETPLACE];

/**
 * Config of a test portal: the settings no deployment gets by default (the
 * base domain; the Ingress TLS secret where the operator runs in-process)
 * and the marketplace with the fixture app, then the test's own keys (a test's
 * `woowCloudServices` and `helmOperator` keys win over these).
 */
export function portalConfig(data: JsonObject = {}): JsonObject {
  const { woowCloudServices, helmOperator, ...rest } = data as {
    woowCloudServices?: JsonObject;
    helmOperator?: JsonObject;
  };
  return {
    ...rest,
    woowCloudServices: {
      baseDomain: TEST_BASE_DOMAIN,
      marketplace: { locations: TEST_MARKETPLACE_LOCATIONS },
      ...woowCloudServices,
    },
    ...(helmOperator && {
      helmOperator: {
        ...helmOperator,
        ingress: {
          tlsSecretName: TEST_TLS_SECRET_NAME,
          ...(helmOperator.ingress as JsonObject | undefined),
        },
      },
    }),
  };
}

/**
 * The plugin's settings as a test portal reads them (readSettings over
 * portalConfig, so every default is the real one), for tests that wire the
 * services without a backend; `woowCloudServices` keys override.
 */
export function testSettings(
  woowCloudServices: JsonObject = {},
): CloudServicesSettings {
  return readSettings(new ConfigReader(portalConfig({ woowCloudServices })));
}
