import type { Config } from '@backstage/config';
import { readBaseDomain } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import path from 'node:path';

/** Settings of this plugin, with the defaults documented in config.d.ts. */
export interface CloudServicesSettings {
  baseDomain: string;
  marketplaceLocations: string[];
  reconciler: {
    frequencySeconds: number;
    healthCheckSeconds: number;
    settleTimeoutSeconds: number;
    maxAttempts: number;
    /** Units of work (an operation, one namespace's health check) run at once; default 8. */
    concurrency?: number;
    /** Services claimed per pass; default 500. */
    batchSize?: number;
    /** Seconds a pass holds its claims; default 120. */
    claimSeconds?: number;
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

const MARKETPLACE_LOCATIONS_KEY = 'woowCloudServices.marketplace.locations';

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
  throw new Error(
    `${MARKETPLACE_LOCATIONS_KEY} is not set and there is no marketplace/ directory at or up to four levels above ${cwd}`,
  );
}

/**
 * The configured marketplace locations, resolved against `cwd`. A location
 * that does not exist stops the backend at startup, naming the key and the
 * path: a mistyped path must not become an empty marketplace. (An explicit
 * empty list is an empty marketplace on purpose.)
 */
function readMarketplaceLocations(
  configured: string[] | undefined,
  cwd: string,
): string[] {
  if (!configured) return defaultMarketplaceLocations(cwd);
  return configured.map((location, index) => {
    const resolved = path.resolve(cwd, location);
    if (!fs.existsSync(resolved)) {
      const given = resolved === location ? '' : ` ("${location}" from ${cwd})`;
      throw new Error(
        `${MARKETPLACE_LOCATIONS_KEY}[${index}]: ${resolved} does not exist${given}`,
      );
    }
    return resolved;
  });
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
    baseDomain: readBaseDomain(config),
    marketplaceLocations: readMarketplaceLocations(locations, cwd),
    reconciler: {
      frequencySeconds: positive('reconciler.frequencySeconds', 5),
      healthCheckSeconds: positive('reconciler.healthCheckSeconds', 300),
      settleTimeoutSeconds: positive('reconciler.settleTimeoutSeconds', 600),
      maxAttempts: positive('reconciler.maxAttempts', 8),
      concurrency: positive('reconciler.concurrency', 8),
      batchSize: positive('reconciler.batchSize', 500),
      claimSeconds: positive('reconciler.claimSeconds', 120),
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
