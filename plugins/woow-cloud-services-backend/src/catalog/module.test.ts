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
import type { AppTemplate } from '@internal/backstage-plugin-woow-cloud-services-common';
import request from 'supertest';
import { makeFeedService, makeTemplate } from './__testUtils__/fixtures';
import type { CatalogFeedService } from './catalogFeed';
import { createCatalogFeedRouter } from './catalogFeedRouter';
import { catalogModuleWoowCloudServices } from './module';

jest.setTimeout(60_000);

/**
 * The catalog module end to end, minus the cluster: the real catalog (with
 * the Template kind), the provider reading our feed over HTTP with service
 * credentials, and the feed router served by a stand-in plugin whose source
 * the test edits between provider runs.
 */
describe('catalogModuleWoowCloudServices', () => {
  const state: { templates: AppTemplate[]; services: CatalogFeedService[] } = {
    templates: [],
    services: [],
  };
  const feedPlugin = createBackendPlugin({
    pluginId: 'woow-cloud-services',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter, httpAuth: coreServices.httpAuth },
        async init({ httpRouter, httpAuth }) {
          httpRouter.use(
            createCatalogFeedRouter({
              httpAuth,
              source: {
                listActiveTemplates: async () => state.templates.filter(t => t.isActive),
                listServices: async () => state.services,
              },
            }),
          );
        },
      });
    },
  });

  // The mock scheduler is typed as a plain SchedulerService; it is more.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
  };
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    state.templates = [
      makeTemplate(),
      makeTemplate({ id: 'tpl-2', slug: 'redis', name: 'Redis' }),
    ];
    state.services = [makeFeedService()];
    backend = await startTestBackend({
      features: [
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({ data: { app: { baseUrl: 'http://portal.test' } } }),
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

  async function eventually(expected: string[]) {
    const deadline = Date.now() + 30_000;
    let names: string[] = [];
    while (Date.now() < deadline) {
      names = await entityNames();
      if (JSON.stringify(names) === JSON.stringify(expected)) return;
      await new Promise(r => setTimeout(r, 250));
    }
    expect(names).toEqual(expected);
  }

  it('publishes templates and services, and follows changes on the next run', async () => {
    await scheduler.triggerTask('woow-cloud-services:refresh');
    await eventually([
      'Resource:paas-ws-team-a-k3x9q2',
      'Template:postgresql',
      'Template:redis',
    ]);

    const res = await request(backend.server)
      .get('/api/catalog/entities/by-name/resource/default/paas-ws-team-a-k3x9q2')
      .set('Authorization', `Bearer ${userToken}`);
    expect(res.body.metadata.annotations['backstage.io/kubernetes-namespace']).toBe(
      'paas-ws-team-a',
    );
    expect(res.body.relations).toEqual(
      expect.arrayContaining([{ type: 'ownedBy', targetRef: 'user:default/jane' }]),
    );

    // Redis deactivated, the database deleted, another service deployed.
    state.templates[1] = { ...state.templates[1], isActive: false };
    state.services = [
      makeFeedService({ id: 'svc-2', helmReleaseName: 'paas-ws-team-a-z8y7x6' }),
    ];
    await scheduler.triggerTask('woow-cloud-services:refresh');
    await eventually(['Resource:paas-ws-team-a-z8y7x6', 'Template:postgresql']);
  });

  it('serves the feed to service principals only, active templates only', async () => {
    state.templates = [
      makeTemplate(),
      makeTemplate({ id: 'tpl-3', slug: 'retired', isActive: false }),
    ];
    const asUser = await request(backend.server)
      .get('/api/woow-cloud-services/catalog-feed/services')
      .set('Authorization', `Bearer ${userToken}`);
    expect(asUser.status).toBe(403);

    const asService = await request(backend.server)
      .get('/api/woow-cloud-services/catalog-feed/templates')
      .set('Authorization', `Bearer ${mockCredentials.service.token()}`);
    expect(asService.status).toBe(200);
    expect(asService.body.items.map((t: AppTemplate) => t.slug)).toEqual(['postgresql']);
  });
});
