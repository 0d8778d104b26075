import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { CatalogFeedClient } from './CatalogFeedClient';
import { woowCatalogPermissionRules } from './permissionRules';
import { WoowCloudServicesEntityProvider } from './WoowCloudServicesEntityProvider';

/** Default of `woowCloudServices.catalog.refreshSeconds`. */
export const DEFAULT_REFRESH_SECONDS = 30;
/** Default of `woowCloudServices.catalog.fullResyncSeconds`. */
export const DEFAULT_FULL_RESYNC_SECONDS = 3600;

function positiveSeconds(config: Config, key: string, fallback: number) {
  const seconds =
    config.getOptionalNumber(`woowCloudServices.catalog.${key}`) ?? fallback;
  if (!(seconds > 0)) {
    throw new Error(
      `woowCloudServices.catalog.${key} must be a positive number`,
    );
  }
  return seconds;
}

export function readRefreshSeconds(config: Config): number {
  return positiveSeconds(config, 'refreshSeconds', DEFAULT_REFRESH_SECONDS);
}

/** How many runs apart the full resyncs are (at least every run). */
export function readFullResyncEvery(config: Config): number {
  const full = positiveSeconds(
    config,
    'fullResyncSeconds',
    DEFAULT_FULL_RESYNC_SECONDS,
  );
  return Math.max(1, Math.round(full / readRefreshSeconds(config)));
}

/**
 * Catalog module: marketplace templates as Scaffolder templates and deployed
 * services as Resources, read from the Cloud Services backend's catalog feed;
 * and the catalog permission rules that keep services to their workspace.
 */
export const catalogModuleWoowCloudServices = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'woow-cloud-services',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        // The catalog's own registry (this module belongs to the catalog plugin).
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        discovery,
        auth,
        permissionsRegistry,
      }) {
        // Rules a permission policy uses to hide services from non-members.
        permissionsRegistry.addPermissionRules(
          Object.values(woowCatalogPermissionRules),
        );
        const seconds = readRefreshSeconds(config);
        catalog.addEntityProvider(
          new WoowCloudServicesEntityProvider({
            feed: new CatalogFeedClient({ discovery, auth, logger }),
            logger,
            appBaseUrl: config.getOptionalString('app.baseUrl'),
            fullResyncEvery: readFullResyncEvery(config),
            taskRunner: scheduler.createScheduledTaskRunner({
              frequency: { seconds },
              timeout: { seconds: Math.max(60, seconds * 2) },
            }),
          }),
        );
      },
    });
  },
});
