import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type {
  AppTemplate,
  CatalogFeedService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { PROVIDER_NAME } from './entityNaming';
import { serviceEntity } from './serviceEntity';
import { templateEntity } from './templateEntity';

/** Where the provider reads from (CatalogFeedClient in production). */
export interface CatalogFeedReader {
  listTemplates(): Promise<AppTemplate[]>;
  listServices(): Promise<CatalogFeedService[]>;
}

/**
 * Publishes every active marketplace template as a Scaffolder Template and
 * every deployed service as a Resource. Each run replaces everything it
 * published before (a full mutation), so a deactivated template or a
 * deleted service leaves the catalog on the next run without bookkeeping.
 */
export class WoowCloudServicesEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      feed: CatalogFeedReader;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
      appBaseUrl?: string;
    },
  ) {}

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${PROVIDER_NAME}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          // The catalog keeps what the last good run published.
          this.options.logger.error(
            `${PROVIDER_NAME} catalog refresh failed: ${
              (error as Error).message
            }`,
          );
        }
      },
    });
  }

  /** Reads the feed and replaces every entity of this provider. */
  async refresh(): Promise<{ templates: number; services: number }> {
    if (!this.connection) {
      throw new Error(`${PROVIDER_NAME} is not connected to the catalog yet`);
    }
    // Both lists before any change: a full mutation with one of them
    // missing would remove all entities of the other kind.
    const [templates, services] = await Promise.all([
      this.options.feed.listTemplates(),
      this.options.feed.listServices(),
    ]);
    const entities: Entity[] = [
      // The feed sends active templates only (StoreCatalogFeedSource).
      ...templates.map(templateEntity),
      ...services.map(s =>
        serviceEntity(s, { appBaseUrl: this.options.appBaseUrl }),
      ),
    ];
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: PROVIDER_NAME,
      })),
    });
    this.options.logger.info(`${PROVIDER_NAME} published catalog entities`, {
      templates: templates.length,
      services: services.length,
    });
    return { templates: templates.length, services: services.length };
  }
}
