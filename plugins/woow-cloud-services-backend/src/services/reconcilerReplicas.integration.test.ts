import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { ServiceClaims } from '../database/ServiceClaims';
import {
  FakeOperator,
  reconcilerSettings,
} from '../__testUtils__/FakeOperator';
import {
  createTestDatabases,
  POSTGRES_ID,
} from '../__testUtils__/testDatabases';
import { createCloudServices } from './createCloudServices';
import { SecretCipher } from './SecretCipher';

const user = mockCredentials.user('user:default/a');
const SERVICES = 24;
const settings = {
  ...reconcilerSettings,
  // Small batches and several units at once: the two replicas' passes interleave.
  reconciler: {
    ...reconcilerSettings.reconciler,
    batchSize: 5,
    concurrency: 3,
    claimSeconds: 120,
  },
};

/**
 * Two backend replicas (two plugin service sets on two connections) running
 * the reconciler against one real PostgreSQL at the same time, their passes
 * overlapping as they do when the scheduler's lock is not held (a pass that
 * outlived its task timeout, a reconcile-now next to the scheduled pass).
 * The helm-operator is the in-memory stand-in: what is tested is the claim.
 */
describe('the reconciler on two backend replicas sharing one PostgreSQL', () => {
  const databases = createTestDatabases();
  const connections: Knex[] = [];
  afterAll(async () => {
    await Promise.all(connections.map(c => c.destroy()));
  });

  async function twoReplicas() {
    expect(databases.supports(POSTGRES_ID)).toBe(true);
    const first = await databases.init(POSTGRES_ID);
    await applyDatabaseMigrations(first);
    const second = knexFactory(first.client.config);
    connections.push(second);
    const operator = new FakeOperator();
    operator.installDelayMs = 15;
    const replica = (db: Knex) =>
      createCloudServices({
        db,
        operator,
        permissions: mockServices.permissions(),
        cipher: new SecretCipher(Buffer.alloc(32, 7)),
        settings,
        logger: mockServices.logger.mock(),
      });
    const a = replica(first);
    const b = replica(second);
    await a.marketplaceLoader.load(settings.marketplaceLocations);
    for (const ws of ['ws0', 'ws1', 'ws2']) {
      await a.workspaces.create(user, { id: ws, name: ws, description: '' });
    }
    // Deploys the operator could not take: pending, each with its install.
    operator.down = true;
    const created = [];
    for (let i = 0; i < SERVICES; i++) {
      created.push(
        await a.lifecycle.create(user, `ws${i % 3}`, {
          templateId: 'woow-fixture-app',
          name: `Fixture ${i}`,
          subdomain: `replica-${i}`,
          helmValues: { password: 'correct horse battery' },
        }),
      );
    }
    operator.down = false;
    operator.calls = [];
    return { first, operator, a, b, created };
  }

  async function dueNow(db: Knex) {
    await db('cloud_services').update({
      next_check_at: new Date(Date.now() - 1000),
    });
  }

  type Replica = { reconciler: { reconcileDue(now: Date): Promise<number> } };

  /** Passes at one instant until one finds nothing; returns how many were reconciled. */
  async function passesUntilIdle(replica: Replica, at: Date) {
    let total = 0;
    for (let n = await replica.reconciler.reconcileDue(at); n > 0; ) {
      total += n;
      n = await replica.reconciler.reconcileDue(at);
    }
    return total;
  }

  /** Both replicas at once, at one instant. */
  async function runBoth(...replicas: Replica[]) {
    const now = new Date();
    const totals = await Promise.all(
      replicas.map(r => passesUntilIdle(r, now)),
    );
    return totals.reduce((x, y) => x + y, 0);
  }

  it('sends each install once and moves every service to running once', async () => {
    const { first, operator, a, b, created } = await twoReplicas();
    await dueNow(first);

    expect(await runBoth(a, b)).toBe(SERVICES);
    expect([...operator.installed].sort()).toEqual(
      created.map(s => s.helmReleaseName).sort(),
    );
    for (const service of created) {
      expect(await a.stores.services.get(service.id)).toMatchObject({
        state: 'deploying',
        pendingAction: null,
      });
    }

    for (const release of operator.releases.values()) release.state = 'running';
    await dueNow(first);
    operator.calls = [];
    expect(await runBoth(a, b)).toBe(SERVICES);
    // Health checks by namespace: never one call per service.
    expect(operator.calls.every(c => c.startsWith('namespaceStatus:'))).toBe(
      true,
    );
    // At most one per namespace in each pass (batches of 5 over 3 namespaces).
    expect(operator.calls.length).toBeLessThan(SERVICES);
    for (const service of created) {
      expect(await a.stores.services.get(service.id)).toMatchObject({
        state: 'running',
      });
      const ready = (await a.stores.events.list(service.id)).filter(
        e => e.fromState === 'deploying' && e.toState === 'running',
      );
      expect(ready).toHaveLength(1);
    }
  });

  it('loses no service when a replica dies holding claims: the other takes them when the lease ends', async () => {
    const { first, operator, b, created } = await twoReplicas();
    await dueNow(first);
    // Replica A claims everything and dies before working on any of it.
    const now = new Date();
    const until = new Date(
      now.getTime() + settings.reconciler.claimSeconds * 1000,
    );
    const claimed = await new ServiceClaims(first).claimDue(
      now,
      SERVICES,
      until,
    );
    expect(claimed).toHaveLength(SERVICES);

    expect(await b.reconciler.reconcileDue(now)).toBe(0);
    expect(operator.installed).toEqual([]);
    // (Then their first health checks too: due a second after the install.)
    await passesUntilIdle(b, new Date(until.getTime() + 1));
    expect([...operator.installed].sort()).toEqual(
      created.map(s => s.helmReleaseName).sort(),
    );
  });
});
