import type { Config } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';

/** Settings of this plugin, with the defaults documented in config.d.ts. */
export interface CloudServicesSettings {
  baseDomain: string;
  marketplaceLocations: string[];
  defaults: { region: string; cluster: string };
  reconciler: {
    frequencySeconds: number;
    healthCheckSeconds: number;
    settleTimeoutSeconds: number;
    maxAttempts: number;
  };
  limits: {
    workspacesPerUser: number;
    servicesPerWorkspace: number;
  };
  customDomains: {
    /** DNS servers (`host` or `host:port`) that checks ask; empty: the system's. */
    dnsServers: string[];
    /** How often the background task looks for custom domains to check. */
    checkFrequencySeconds: number;
    /** How long a pending custom domain waits between two checks. */
    recheckSeconds: number;
    /** Host names no custom domain may be, besides the built-in list. */
    reservedDomains: string[];
  };
}

/** Defaults of `woowCloudServices.limits.*` (50 services per workspace: the spec). */
export const DEFAULT_LIMITS = {
  workspacesPerUser: 10,
  servicesPerWorkspace: 50,
};

/**
 * Without configured locations, the nearest `marketplace/` directory above
 * the working directory: the repository's own marketplace, whether the
 * backend runs from the repo root or from packages/backend.
 */
function defaultMarketplaceLocations(cwd: string): string[] {
  let dir = cwd;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'marketplace');
    if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) {
      return [candidate];
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return [];
}

export function readSettings(
  config: Config,
  cwd = process.cwd(),
): CloudServicesSettings {
  const root = config.getOptionalConfig('woowCloudServices');
  const locations = root?.getOptionalStringArray('marketplace.locations');
  const positive = (key: string, fallback: number) => {
    const value = root?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0)) {
      throw new Error(`woowCloudServices.${key} must be a positive number`);
    }
    return value;
  };
  return {
    baseDomain: root?.getOptionalString('baseDomain') ?? 'woowtech.com',
    marketplaceLocations: locations
      ? locations.map(l => path.resolve(cwd, l))
      : defaultMarketplaceLocations(cwd),
    defaults: {
      region: root?.getOptionalString('defaults.region') ?? 'us-east-1',
      cluster: root?.getOptionalString('defaults.cluster') ?? 'default',
    },
    reconciler: {
      frequencySeconds: positive('reconciler.frequencySeconds', 5),
      healthCheckSeconds: positive('reconciler.healthCheckSeconds', 60),
      settleTimeoutSeconds: positive('reconciler.settleTimeoutSeconds', 600),
      maxAttempts: positive('reconciler.maxAttempts', 8),
    },
    limits: {
      workspacesPerUser: positive(
        'limits.workspacesPerUser',
        DEFAULT_LIMITS.workspacesPerUser,
      ),
      servicesPerWorkspace: positive(
        'limits.servicesPerWorkspace',
        DEFAULT_LIMITS.servicesPerWorkspace,
      ),
    },
    customDomains: {
      dnsServers:
        root?.getOptionalStringArray('customDomains.dnsServers') ?? [],
      checkFrequencySeconds: positive(
        'customDomains.checkFrequencySeconds',
        30,
      ),
      recheckSeconds: positive('customDomains.recheckSeconds', 300),
      reservedDomains: [
        ...(root?.getOptionalStringArray('customDomains.reservedDomains') ??
          []),
        // The portal's own host names.
        ...['app.baseUrl', 'backend.baseUrl'].flatMap(key => {
          const url = config.getOptionalString(key);
          try {
            return url ? [new URL(url).hostname.toLowerCase()] : [];
          } catch {
            return [];
          }
        }),
      ],
    },
  };
}
