/**
 * Woow Cloud Services: one-click deployment of Helm-packaged applications
 * into workspace namespaces, and their day-2 management.
 *
 * The default export is the plugin for the new frontend system; named
 * exports serve apps on the old system and other plugins.
 *
 * @packageDocumentation
 */

export { woowCloudServicesPlugin as default } from './plugin';
export {
  cloudServicesApi,
  cloudServicesPage,
  entityServiceConfigurationContent,
  entityServiceMetricsContent,
  entityServiceLogsContent,
  entityServiceOverviewContent,
  entityServiceRevisionsContent,
  woowCloudServicesPlugin,
} from './plugin';
export { rootRouteRef } from './routes';
export * from './api';
export {
  isCloudServiceEntity,
  SERVICE_ID_ANNOTATION,
  WORKSPACE_ID_ANNOTATION,
} from './entity';
export {
  EntityCloudServiceConfigurationContent,
  EntityCloudServiceLogsContent,
  EntityCloudServiceMetricsContent,
  EntityCloudServiceOverviewContent,
  EntityCloudServiceRevisionsContent,
  legacyRootRouteRef,
  woowCloudServicesLegacyPlugin,
  WoowCloudServicesPage,
} from './legacy';
