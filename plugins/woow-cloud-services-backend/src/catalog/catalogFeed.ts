import type {
  AppTemplate,
  CatalogFeedService,
  CatalogFeedTombstone,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** Live services (all, or changed since a cursor), deletions since it, the next cursor. */
export interface CatalogFeedServices {
  items: CatalogFeedService[];
  removed: CatalogFeedTombstone[];
  cursor: string;
}

/**
 * What the catalog feed router reads from. The backend plugin implements it
 * over its stores and services; it is the only way to list across
 * workspaces, so it is only reachable with service credentials. The wire
 * shapes (catalogFeedServiceSchema ...) are in -common, read by the catalog
 * module's client.
 */
export interface CatalogFeedSource {
  listActiveTemplates(): Promise<AppTemplate[]>;
  /** Without `since`, every live service (removed is empty). */
  listServices(since?: Date): Promise<CatalogFeedServices>;
}
