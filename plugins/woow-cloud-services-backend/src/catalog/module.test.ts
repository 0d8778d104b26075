import {
  coreServices,
  createBackendPlugin,
  type SchedulerService,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import {
  templateDefinitionSchema,
  type AppTemplate,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import request from 'supertest';
import { eventually as waitFor } from '../__testUtils__/integrationEnv';
import { applyDatabaseMigrations } from '../database/migrations';
import { ServiceStore, type NewService } from '../database/ServiceStore';
import { TemplateStore } from '../database/TemplateStore';
import { WorkspaceStore } from '../database/WorkspaceStore';
import { makeTemplate } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import { createCatalogFeedRouter } from './catalogFeedRouter';
import catalogModuleWoowCloudServices from '@woowtech/backstage-plugin-catalog-backend-module-woow-cloud-services';
import { StoreCatalogFeedSource } from './StoreCatalogFeedSource';

jest.setTimeout(60_000);

/**
 * The catalog module end to end, minus the cluster: the real catalog (with
 * the Template kind), the provider reading our feed over HTTP with service
 * credentials, and the feed router over the real StoreCatalogFeedSource and
 * stores (as plugin.ts wires them) on the test backend's database; the test
 * edits the rows between provider runs.
 */
describe('catalogModuleWoowCloudServices', () => {
  let stores: {
    templates: TemplateStore;
    services: ServiceStore;
    workspaces: WorkspaceStore;
  };
  const feedPlugin = createBackendPlugin({
    pluginId: 'woow-cloud-services',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          database: coreServices.database,
        },
        async init({ httpRouter, httpAuth, database }) {
          const db = await database.getClient();
          await applyDatabaseMigrations(db);
          stores = {
            templates: new TemplateStore(db),
            services: new ServiceStore(db),
            workspaces: new WorkspaceStore(db),
          };
          httpRouter.use(
            createCatalogFeedRouter({
              httpAuth,
              logger: mockServices.logger.mock(),
              source: new StoreCatalogFeedSource({
                baseDomain: 'apps.example.test',
                ...stores,
              }),
            }),
          );
        },
      });
    },
  });

  const addTemplate = (overrides: Partial<AppTemplate>) =>
    stores.templates.insert(
      templateDefinitionSchema.parse(makeTemplate(overrides)),
      { source: 'api', sourceHash: null },
    );

  /** A running service of workspace team-a, as the lifecycle stores it. */
  const addService = (templateId: string, id: string, referenceId: string) => {
    const service: NewService = {
      id,
      workspaceId: 'team-a',
      templateId,
      name: `Service ${referenceId}`,
      referenceId,
      deploymentId: `D-${referenceId}`,
      state: 'running',
      errorMessage: null,
      statusDetail: null,
      subdomain: `svc-${referenceId}`,
      releasedSubdomain: null,
      customDomain: null,
      internalPort: 5432,
      helmReleaseName: `paas-ws-team-a-${referenceId}`,
      helmNamespace: 'paas-ws-team-a',
      helmValues: {},
      helmSecrets: null,
      helmDefaultValues: {},
      helmRevision: 1,
      helmChartVersion: '16.0.0',
      allocatedVcpu: 1,
      allocatedRamGb: 1,
      allocatedStorageGb: 8,
      createdBy: 'user:default/jane',
      deployedAt: null,
      lastUpgradedAt: null,
      pendingAction: null,
      targetRevision: null,
      attempts: 0,
      nextCheckAt: null,
      operationStartedAt: null,
    };
    return stores.services.insert(service);
  };

  // The mock scheduler is typed as a plain SchedulerService; it is more.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
  };
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://portal.test' } },
        }),
        catalogPlugin,
        scaffolderEntityModel,
        catalogModuleWoowCloudServices,
        feedPlugin,
      ],
    });
  });

  afterAll(async () => backend?.stop());

  const userToken = mockCredentials.user.token('user:default/jane');

  async function entityNames(): Promise<string[]> {
    const res = await request(backend.server)
      .get('/api/catalog/entities/by-query')
      .query({ filter: 'kind=template,kind=resource' })
      .set('Authorization', `Bearer ${userToken}`);
    expect(res.status).toBe(200);
    return res.body.items
      .map((e: Entity) => `${e.kind}:${e.metadata.name}`)
      .sort();
  }

  /** Waits until the catalog lists exactly `expected`; a timeout names the last list. */
  async function eventually(expected: string[]) {
    await waitFor(
      async () => {
        const names = await entityNames();
        if (JSON.stringify(names) === JSON.stringify(expected)) return true;
        throw new Error(`the catalog lists ${JSON.stringify(names)}`);
      },
      { timeoutMs: 30_000, intervalMs: 250, what: JSON.stringify(expected) },
    );
  }

  it('publishes templates and services, and follows changes on the next run', async () => {
    await stores.workspaces.create({
      id: 'team-a',
      name: 'Team A',
      description: '',
      owner: 'user:default/jane',
    });
    const postgresql = await addTemplate({});
    const redis = await addTemplate({ slug: 'redis', name: 'Redis' });
    const database = await addService(postgresql.id, 'svc-1', 'k3x9q2');

    await scheduler.triggerTask('woow-cloud-services:refresh');
    await eventually([
      'Resource:paas-ws-team-a-k3x9q2',
      'Template:postgresql',
      'Template:redis',
    ]);

    const res = await request(backend.server)
      .get(
        '/api/catalog/entities/by-name/resource/default/paas-ws-team-a-k3x9q2',
      )
      .set('Authorization', `Bearer ${userToken}`);
    expect(
      res.body.metadata.annotations['backstage.io/kubernetes-namespace'],
    ).toBe('paas-ws-team-a');
    expect(res.body.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'user:default/jane' },
      ]),
    );

    // Redis deactivated, the database deleted, another service deployed.
    await stores.templates.setActive(redis.id, false);
    await stores.services.update(database.id, database.version, {
      deletedAt: new Date(),
    });
    await addService(postgresql.id, 'svc-2', 'z8y7x6');
    await scheduler.triggerTask('woow-cloud-services:refresh');
    await eventually(['Resource:paas-ws-team-a-z8y7x6', 'Template:postgresql']);
  });

  it('serves the feed to service principals only, active templates only', async () => {
    // After the first test: postgresql active, redis deactivated; one more inactive.
    await addTemplate({ slug: 'retired', name: 'Retired', isActive: false });
    const asUser = await request(backend.server)
      .get('/api/woow-cloud-services/catalog-feed/services')
      .set('Authorization', `Bearer ${userToken}`);
    expect(asUser.status).toBe(403);

    const asService = await request(backend.server)
      .get('/api/woow-cloud-services/catalog-feed/templates')
      .set('Authorization', `Bearer ${mockCredentials.service.token()}`);
    expect(asService.status).toBe(200);
    expect(asService.body.items.map((t: AppTemplate) => t.slug)).toEqual([
      'postgresql',
    ]);
  });
});
