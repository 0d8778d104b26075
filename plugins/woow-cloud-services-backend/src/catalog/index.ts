export { createCatalogFeedRouter } from './catalogFeedRouter';
export type { CatalogFeedRouterOptions } from './catalogFeedRouter';
export type { CatalogFeedSource } from './catalogFeed';
export { StoreCatalogFeedSource } from './StoreCatalogFeedSource';
export type { CatalogFeedStores } from './StoreCatalogFeedSource';
