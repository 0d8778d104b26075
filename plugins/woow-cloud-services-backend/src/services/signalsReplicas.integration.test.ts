import { mockCredentials } from '@backstage/backend-test-utils';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { workspaceSignalChannel } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import knexFactory, { type Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import {
  FakeOperator,
  reconcilerSettings as settings,
} from '../__testUtils__/FakeOperator';
import { eventually } from '../__testUtils__/integrationEnv';
import {
  openSignalsSocket,
  startSignalsBackend,
  type SignalsBackend,
} from '../__testUtils__/signalsBackend';
import {
  createTestDatabases,
  POSTGRES_ID,
} from '../__testUtils__/testDatabases';
import { createTestCloudServices } from '../__testUtils__/testServices';

const OWNER = 'user:default/owner';
const owner = mockCredentials.user(OWNER);

/**
 * Open pages are told of changes made on another backend replica: two
 * backends (events backend, signals backend, the real events service, as
 * packages/backend runs them) share the events bus in one PostgreSQL
 * database, as the replicas of a production portal do
 * (events.useEventBus: always). A service's state changes through the
 * Cloud Services object graph on replica A; a page's WebSocket on replica B
 * hears it. And the single-process portal of `npm start` (SQLite,
 * events.useEventBus: never) still tells its own pages.
 */
describe('signals across backend replicas', () => {
  const databases = createTestDatabases();
  const connections: Knex[] = [];
  const backends: SignalsBackend[] = [];
  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
    await Promise.all(connections.map(c => c.destroy()));
  });

  async function start(eventsDb: Knex, useEventBus: 'never' | 'always') {
    const backend = await startSignalsBackend({ eventsDb, useEventBus });
    backends.push(backend);
    return backend;
  }

  /** The Cloud Services of one replica, publishing through its `signals`. */
  async function cloudServices(knex: Knex, signals: SignalsService) {
    await applyDatabaseMigrations(knex);
    const operator = new FakeOperator();
    const services = createTestCloudServices({
      knex,
      operator,
      settings,
      signals,
    });
    await services.marketplaceLoader.load(settings.marketplaceLocations);
    return { services, operator };
  }

  /** A new workspace of OWNER and an open page of OWNER on `port` listening to it. */
  async function workspaceAndPage(
    services: Awaited<ReturnType<typeof cloudServices>>['services'],
    port: number,
  ) {
    const workspaceId = `ws-${Math.random().toString(36).slice(2, 8)}`;
    await services.workspaces.create(owner, {
      id: workspaceId,
      name: workspaceId,
      description: '',
    });
    const page = await openSignalsSocket(
      port,
      mockCredentials.user.token(OWNER),
      workspaceSignalChannel(workspaceId),
    );
    return { workspaceId, page };
  }

  /** A service created with the operator down (pending), then installed by a reconcile pass (deploying). */
  async function deployThroughReconciler(
    cloud: Awaited<ReturnType<typeof cloudServices>>,
    workspaceId: string,
  ) {
    cloud.operator.down = true;
    const created = await cloud.services.lifecycle.create(owner, workspaceId, {
      templateId: 'woow-fixture-app',
      name: 'Fixture',
      subdomain: `signals-${workspaceId}`,
      helmValues: { password: 'correct horse battery' },
    });
    cloud.operator.down = false;
    await cloud.services.reconciler.reconcileDue(
      new Date(Date.now() + 3_600_000),
    );
    return created;
  }

  type Received = Awaited<ReturnType<typeof openSignalsSocket>>['received'];
  const told = (received: Received, serviceId: string, state: string) =>
    received.some(({ message }) => {
      const m = message as {
        type?: string;
        serviceId?: string;
        state?: string;
      };
      return (
        m.type === 'service-changed' &&
        m.serviceId === serviceId &&
        m.state === state
      );
    });

  /**
   * Deploys a service through `cloud` while its workspace owner's page is
   * open on the backend at `port`; returns what the page was sent once it
   * was told that the service is deploying.
   */
  async function deployWatchedFrom(
    cloud: Awaited<ReturnType<typeof cloudServices>>,
    port: number,
  ) {
    const { workspaceId, page } = await workspaceAndPage(cloud.services, port);
    const created = await deployThroughReconciler(cloud, workspaceId);
    await eventually(async () => told(page.received, created.id, 'deploying'), {
      timeoutMs: 30_000,
      what: `the page on port ${port} told that ${created.id} is deploying`,
    });
    page.close();
    return { workspaceId, serviceId: created.id, received: page.received };
  }

  it('a state change on replica A reaches a page connected to replica B', async () => {
    expect(databases.supports(POSTGRES_ID)).toBe(true);
    // The events plugin's database (its own, as on PostgreSQL with one
    // database per plugin), one connection pool per replica.
    const busA = await databases.init(POSTGRES_ID);
    const busB = knexFactory(busA.client.config);
    connections.push(busB);
    const a = await start(busA, 'always');
    const b = await start(busB, 'always');

    // A publish reaches only the subscriptions the bus knows: wait until it
    // knows both replicas' signals backends (each subscribes at start).
    await eventually(
      async () =>
        (
          await busA('event_bus_subscriptions')
            .where('id', 'like', 'signals.%')
            .count({ n: '*' })
        )[0].n === '2',
      { timeoutMs: 30_000, what: "both replicas' signals subscriptions" },
    );

    const cloud = await cloudServices(
      await databases.init(POSTGRES_ID),
      a.signals,
    );
    const { workspaceId, serviceId, received } = await deployWatchedFrom(
      cloud,
      b.port,
    );
    expect(told(received, serviceId, 'pending')).toBe(true);
    expect(
      received.every(m => m.channel === workspaceSignalChannel(workspaceId)),
    ).toBe(true);
  });

  it('on SQLite, one process without the bus tells its own pages', async () => {
    const sqlite = await databases.init('SQLITE_3');
    const single = await start(sqlite, 'never');
    const cloud = await cloudServices(
      await databases.init('SQLITE_3'),
      single.signals,
    );
    const { serviceId, received } = await deployWatchedFrom(cloud, single.port);
    expect(told(received, serviceId, 'pending')).toBe(true);
  });
});
