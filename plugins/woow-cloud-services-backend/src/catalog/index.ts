export { catalogModuleWoowCloudServices } from './module';
export { createCatalogFeedRouter } from './catalogFeedRouter';
export type { CatalogFeedRouterOptions } from './catalogFeedRouter';
export type { CatalogFeedService, CatalogFeedSource } from './catalogFeed';
export { WoowCloudServicesEntityProvider } from './WoowCloudServicesEntityProvider';
export { StoreCatalogFeedSource } from './StoreCatalogFeedSource';
export type { CatalogFeedStores } from './StoreCatalogFeedSource';
export {
  createWoowCatalogConditionalDecision,
  woowCatalogConditions,
  woowCatalogPermissionRules,
} from './permissionRules';
