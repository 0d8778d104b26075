import type {
  AppTemplate,
  CatalogFeedService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * What the catalog feed router reads from. The backend plugin implements it
 * over its stores and services; it is the only way to list across
 * workspaces, so it is only reachable with service credentials. The wire
 * shapes (catalogFeedServiceSchema ...) are in -common, read by the catalog
 * module's client.
 */
export interface CatalogFeedSource {
  listActiveTemplates(): Promise<AppTemplate[]>;
  listServices(): Promise<CatalogFeedService[]>;
}
