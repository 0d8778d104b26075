/**
 * Catalog backend module of Woow Cloud Services: marketplace templates as
 * Scaffolder templates and deployed services as Resources, read from the
 * Cloud Services backend's catalog feed; and the catalog permission rules
 * that keep services to their workspace's members.
 *
 * @packageDocumentation
 */
export { catalogModuleWoowCloudServices as default } from './module';
export { WoowCloudServicesEntityProvider } from './WoowCloudServicesEntityProvider';
export {
  createWoowCatalogConditionalDecision,
  woowCatalogConditions,
  woowCatalogPermissionRules,
} from './permissionRules';
