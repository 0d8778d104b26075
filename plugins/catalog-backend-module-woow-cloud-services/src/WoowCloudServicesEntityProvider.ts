import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { AppTemplate } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { CatalogFeedChanges } from './CatalogFeedClient';
import { PROVIDER_NAME } from './entityNaming';
import { serviceEntity, serviceEntityRef } from './serviceEntity';
import { templateEntity, templateEntityRef } from './templateEntity';

/** Where the provider reads from (CatalogFeedClient in production). */
export interface CatalogFeedReader {
  listTemplates(): Promise<AppTemplate[]>;
  /** Every live service, or (with an earlier answer's cursor) the changes since. */
  listServices(since?: string): Promise<CatalogFeedChanges>;
}

function publishedForm(templates: AppTemplate[]): Map<string, string> {
  return new Map(templates.map(t => [t.slug, JSON.stringify(t)]));
}

/** What one run did. */
export type SyncResult =
  | { type: 'full'; templates: number; services: number }
  | { type: 'delta'; added: number; removed: number };

/**
 * Publishes every active marketplace template as a Scaffolder Template and
 * every deployed service as a Resource.
 *
 * Most runs apply a delta: the services written since the feed's last
 * cursor are added (replacing their earlier version), those deleted since
 * are removed, templates are added again only when they changed and removed
 * when they are no longer active.
 * Every `fullResyncEvery` runs (and on the first) a full mutation replaces
 * everything, which also catches what a delta cannot see (a workspace's
 * owner or name changing).
 */
export class WoowCloudServicesEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private cursor?: string;
  private runsSinceFull = 0;
  /** Slug -> the template as last published (JSON), to tell what changed. */
  private publishedTemplates = new Map<string, string>();

  constructor(
    private readonly options: {
      feed: CatalogFeedReader;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
      appBaseUrl?: string;
      /** A full mutation every this many runs; 1: every run. Default 120. */
      fullResyncEvery?: number;
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
          await this.sync();
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

  /** One scheduled run: a delta, or a full resync when one is due. */
  async sync(): Promise<SyncResult> {
    const every = this.options.fullResyncEvery ?? 120;
    if (!this.cursor || this.runsSinceFull + 1 >= every) {
      return this.refresh();
    }
    return this.applyChanges(this.cursor);
  }

  /** Reads the whole feed and replaces every entity of this provider. */
  async refresh(): Promise<SyncResult> {
    const connection = this.connected();
    // Both lists before any change: a full mutation with one of them
    // missing would remove all entities of the other kind.
    const [templates, services] = await Promise.all([
      this.options.feed.listTemplates(),
      this.options.feed.listServices(),
    ]);
    const entities: Entity[] = [
      // The feed sends active templates only (StoreCatalogFeedSource).
      ...templates.map(templateEntity),
      ...services.items.map(s =>
        serviceEntity(s, { appBaseUrl: this.options.appBaseUrl }),
      ),
    ];
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: PROVIDER_NAME,
      })),
    });
    this.cursor = services.cursor;
    this.runsSinceFull = 0;
    this.publishedTemplates = publishedForm(templates);
    this.options.logger.info(`${PROVIDER_NAME} published catalog entities`, {
      templates: templates.length,
      services: services.items.length,
    });
    return {
      type: 'full',
      templates: templates.length,
      services: services.items.length,
    };
  }

  private async applyChanges(since: string): Promise<SyncResult> {
    const connection = this.connected();
    const [templates, changes] = await Promise.all([
      this.options.feed.listTemplates(),
      this.options.feed.listServices(since),
    ]);
    const published = publishedForm(templates);
    const changedTemplates = templates.filter(
      t => this.publishedTemplates.get(t.slug) !== published.get(t.slug),
    );
    const goneTemplates = [...this.publishedTemplates.keys()].filter(
      slug => !published.has(slug),
    );
    const added: Entity[] = [
      ...changedTemplates.map(templateEntity),
      ...changes.items.map(s =>
        serviceEntity(s, { appBaseUrl: this.options.appBaseUrl }),
      ),
    ];
    const removed = [
      ...goneTemplates.map(templateEntityRef),
      ...changes.removed.map(t => serviceEntityRef(t.helmReleaseName)),
    ];
    if (added.length || removed.length) {
      await connection.applyMutation({
        type: 'delta',
        added: added.map(entity => ({ entity, locationKey: PROVIDER_NAME })),
        removed: removed.map(entityRef => ({
          entityRef,
          locationKey: PROVIDER_NAME,
        })),
      });
    }
    this.cursor = changes.cursor;
    this.runsSinceFull += 1;
    this.publishedTemplates = published;
    return { type: 'delta', added: added.length, removed: removed.length };
  }

  private connected(): EntityProviderConnection {
    if (!this.connection) {
      throw new Error(`${PROVIDER_NAME} is not connected to the catalog yet`);
    }
    return this.connection;
  }
}
