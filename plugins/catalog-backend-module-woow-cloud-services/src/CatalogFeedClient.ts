import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  cloudServicesRoutes,
  createPluginApiClient,
  describeZodProblems,
  feedItemSchemas,
  type ApiClient,
  type AppTemplate,
  type CatalogFeedService,
  type CatalogFeedTombstone,
  type CloudServicesRoutes,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { z } from 'zod';

/** Live services (all, or changed since the cursor asked with), deletions, the next cursor. */
export interface CatalogFeedChanges {
  items: CatalogFeedService[];
  removed: CatalogFeedTombstone[];
  cursor: string;
}

/**
 * Reads the catalog feed of the Cloud Services backend (the route table's
 * ApiClient) with the catalog's own service credentials: the provider lives
 * in the catalog plugin, which may run in another backend than ours.
 */
export class CatalogFeedClient {
  private readonly http: ApiClient<CloudServicesRoutes>;
  private readonly logger: LoggerService;

  constructor(deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
    fetch?: typeof fetch;
  }) {
    this.logger = deps.logger;
    this.http = createPluginApiClient(
      cloudServicesRoutes,
      { pluginId: 'woow-cloud-services', apiName: 'Cloud Services' },
      { ...deps, onBehalfOf: () => deps.auth.getOwnServiceCredentials() },
    );
  }

  async listTemplates(): Promise<AppTemplate[]> {
    const { items } = await this.http.call('listCatalogFeedTemplates', {});
    return this.wellFormed('templates', items, feedItemSchemas.template);
  }

  /** Every live service, or (with the cursor of an earlier answer) what changed since. */
  async listServices(since?: string): Promise<CatalogFeedChanges> {
    const { items, removed, cursor } = await this.http.call(
      'listCatalogFeedServices',
      { query: since ? { since } : {} },
    );
    return {
      items: this.wellFormed('services', items, feedItemSchemas.service),
      removed,
      cursor,
    };
  }

  /** Items one by one, so that one malformed row does not hide the others. */
  private wellFormed<T extends z.ZodType>(
    what: 'templates' | 'services',
    items: unknown[],
    schema: T,
  ): z.infer<T>[] {
    const good: z.infer<T>[] = [];
    for (const raw of items) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) {
        good.push(parsed.data);
      } else {
        // Named by id only: a service row may hold user text we do not log.
        this.logger.warn(
          `Skipping a malformed ${what} item of the catalog feed`,
          {
            id: String((raw as { id?: unknown })?.id ?? 'unknown'),
            problems: describeZodProblems(parsed.error, 20),
          },
        );
      }
    }
    return good;
  }
}
