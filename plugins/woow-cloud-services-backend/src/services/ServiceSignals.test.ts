import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  DefaultSignalsService,
  type SignalPayload,
  type SignalsService,
} from '@backstage/plugin-signals-node';
import { applyDatabaseMigrations } from '../database/migrations';
import type { NewService } from '../database/ServiceStore';
import { TemplateStore } from '../database/TemplateStore';
import type { OperatorApi } from '../operator/OperatorClient';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { testSettings } from '../__testUtils__/portalConfig';
import { createCloudServices } from './createCloudServices';
import { SecretCipher } from './SecretCipher';

// What open pages are told: the object graph of createCloudServices over a
// real database and the real signals service of @backstage/plugin-signals-node
// on an in-memory events bus (what the signals backend subscribes to). No
// operator call is made: the writes go straight to the store, as the
// lifecycle, the runner and the reconciler do.

const OWNER = 'user:default/owner';
const MEMBER = 'user:default/member';
const STRANGER = 'user:default/stranger';
const SECRET_ENVELOPE = 'v1.sealed-password-envelope';

const settings = testSettings({
  marketplace: { locations: [] },
  reconciler: { frequencySeconds: 1, maxAttempts: 3 },
});

describe('signals of service and member changes', () => {
  const databases = createTestDatabases();

  async function setup(id: any, signals?: SignalsService) {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    // What the signals backend receives: every event on the `signals` topic.
    const events = mockServices.events();
    const published: SignalPayload[] = [];
    await events.subscribe({
      id: 'test-signals-backend',
      topics: ['signals'],
      onEvent: async event => {
        published.push(event.eventPayload as SignalPayload);
      },
    });
    const logger = mockServices.logger.mock();
    const services = createCloudServices({
      db: knex,
      operator: {} as OperatorApi,
      permissions: mockServices.permissions(),
      cipher: new SecretCipher(Buffer.alloc(32, 7)),
      settings,
      logger,
      signals: signals ?? DefaultSignalsService.create({ events }),
    });
    const workspaceId = `ws-${Math.random().toString(36).slice(2, 8)}`;
    const owner = mockCredentials.user(OWNER);
    await services.workspaces.create(owner, {
      id: workspaceId,
      name: 'WS',
      description: '',
    });
    await services.workspaces.addMember(owner, workspaceId, {
      userRef: MEMBER,
      role: 'member',
    });
    const template = await new TemplateStore(knex).insert(
      {
        slug: `app-${workspaceId}`,
        name: 'App',
        description: 'An app',
        fullDescription: '',
        category: 'web',
        tags: ['Web'],
        monthlyPrice: 1,
        helmChart: {
          repository: 'local:',
          chartName: 'app',
          chartVersion: '1.0.0',
          defaultValues: {},
        },
        valueSpecs: { required: [], optional: [] },
        defaultPort: 80,
        ingressEnabled: true,
        minResources: { vcpu: 0.5, ramGb: 1, storageGb: 0 },
        isActive: true,
      },
      { source: 'api', sourceHash: null },
    );
    published.length = 0;
    return {
      services,
      published,
      logger,
      workspaceId,
      newService: (): NewService => ({
        id: `svc-${workspaceId}`,
        workspaceId,
        templateId: template.id,
        name: 'Service',
        referenceId: `app-${workspaceId}`,
        deploymentId: `#${workspaceId}`,
        state: 'pending',
        errorMessage: null,
        statusDetail: null,
        subdomain: `app-${workspaceId}`,
        releasedSubdomain: null,
        customDomain: null,
        internalPort: 80,
        helmReleaseName: `paas-ws-${workspaceId}-app`,
        helmNamespace: `paas-ws-${workspaceId}`,
        helmValues: { user: 'admin', password: { isSet: true } },
        helmSecrets: SECRET_ENVELOPE,
        helmDefaultValues: {},
        helmRevision: 0,
        helmChartVersion: '1.0.0',
        allocatedVcpu: 0.5,
        allocatedRamGb: 1,
        allocatedStorageGb: 0,
        createdBy: MEMBER,
        deployedAt: null,
        lastUpgradedAt: null,
        pendingAction: { kind: 'install' },
        targetRevision: null,
        attempts: 0,
        nextCheckAt: null,
        operationStartedAt: null,
      }),
    };
  }

  it.each(databases.eachSupportedId())(
    'a state change publishes one signal to the members, with ids only, on %p',
    async id => {
      const { services, published, workspaceId, newService } = await setup(id);
      const store = services.stores.services;
      const created = await store.insert(newService());
      expect(published).toHaveLength(1);
      published.length = 0;

      const upgraded = await store.update(created.id, created.version, {
        state: 'running',
        helmRevision: 1,
      });
      expect(published).toEqual([
        {
          recipients: { type: 'user', entityRef: [MEMBER, OWNER] },
          channel: `woow-cloud-services:workspace:${workspaceId}`,
          message: {
            type: 'service-changed',
            workspaceId,
            serviceId: created.id,
            state: 'running',
            version: upgraded.version,
            helmRevision: 1,
            deleted: false,
          },
        },
      ]);
      const wire = JSON.stringify(published);
      expect(wire).not.toContain(SECRET_ENVELOPE);
      expect(wire).not.toContain('admin');
    },
  );

  it.each(databases.eachSupportedId())(
    'the write that ends a delete says the service is gone, on %p',
    async id => {
      const { services, published, newService } = await setup(id);
      const store = services.stores.services;
      const created = await store.insert(newService());
      const deleting = await store.update(created.id, created.version, {
        state: 'deleting',
      });
      published.length = 0;
      await store.update(deleting.id, deleting.version, {
        deletedAt: new Date(),
      });
      expect(published).toHaveLength(1);
      expect(published[0].message).toMatchObject({
        serviceId: created.id,
        state: 'deleting',
        deleted: true,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'member changes are told to the members and to whom it was about, on %p',
    async id => {
      const { services, published, workspaceId } = await setup(id);
      const owner = mockCredentials.user(OWNER);
      await services.workspaces.addMember(owner, workspaceId, {
        userRef: STRANGER,
        role: 'viewer',
      });
      await services.workspaces.removeMember(owner, workspaceId, STRANGER);
      const message = { type: 'members-changed', workspaceId };
      const channel = `woow-cloud-services:workspace:${workspaceId}`;
      expect(published).toEqual([
        {
          recipients: { type: 'user', entityRef: [MEMBER, OWNER, STRANGER] },
          channel,
          message,
        },
        // Removed: no longer a member, but their open page must learn it.
        {
          recipients: { type: 'user', entityRef: [MEMBER, OWNER, STRANGER] },
          channel,
          message,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'a publish failure is logged and does not fail the write, on %p',
    async id => {
      const failing: SignalsService = {
        async publish() {
          throw new Error('events bus unreachable');
        },
      };
      const { services, logger, newService } = await setup(id, failing);
      const store = services.stores.services;
      const created = await store.insert(newService());
      const updated = await store.update(created.id, created.version, {
        state: 'deploying',
      });
      expect(updated.state).toBe('deploying');
      expect((await store.get(created.id))?.version).toBe(2);
      expect(logger.warn).toHaveBeenCalledWith('A change listener failed', {
        serviceId: created.id,
        version: 2,
        reason: 'events bus unreachable',
      });
      expect(JSON.stringify(logger.warn.mock.calls)).not.toContain(
        SECRET_ENVELOPE,
      );
    },
  );
});
