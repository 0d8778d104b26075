import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { NamespaceChangesResponse } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { DueChecks } from '../database/DueChecks';
import { applyDatabaseMigrations } from '../database/migrations';
import {
  FakeOperator,
  reconcilerSettings as settings,
} from '../__testUtils__/FakeOperator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  createTestCloudServices,
  createTestWorkspace,
} from '../__testUtils__/testServices';
import { OperatorChangeFollower } from './OperatorChangeFollower';

const user = mockCredentials.user('user:default/a');

/** A change feed that answers what the test queued, in order. */
function scriptedFeed(...answers: NamespaceChangesResponse[]) {
  const asked: Array<string | undefined> = [];
  const changes = async (query: { since?: string }) => {
    asked.push(query.since);
    const next = answers.shift();
    if (!next) throw new Error('no answer queued');
    return next;
  };
  return { changes, asked };
}

describe('OperatorChangeFollower', () => {
  const databases = createTestDatabases();

  async function setup(id: any) {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    const operator = new FakeOperator();
    // Settled services are checked again only after a very long time:
    // in this test, only a change can bring their check forward.
    const services = createTestCloudServices({
      knex,
      operator,
      settings: {
        ...settings,
        reconciler: { ...settings.reconciler, healthCheckSeconds: 1_000_000 },
      },
    });
    await services.marketplaceLoader.load(settings.marketplaceLocations);
    const workspaces = {
      a: await createTestWorkspace(services, user),
      b: await createTestWorkspace(services, user),
    };
    const deploy = (ws: keyof typeof workspaces) =>
      services.lifecycle.create(user, workspaces[ws], {
        templateId: 'woow-fixture-app',
        name: 'Fixture',
        subdomain: `fx-${Math.random().toString(36).slice(2, 8)}`,
        helmValues: { password: 'correct horse battery' },
      });
    const follower = (...answers: NamespaceChangesResponse[]) => {
      const feed = scriptedFeed(...answers);
      return {
        feed,
        follower: new OperatorChangeFollower({
          changes: feed.changes,
          dueChecks: new DueChecks(knex),
          reconcileSoon: async () => {
            await services.reconciler.reconcileDue();
          },
          logger: mockServices.logger.mock(),
        }),
      };
    };
    return { knex, operator, services, deploy, follower };
  }

  it.each(databases.eachSupportedId())(
    'brings a settled service to running on a change in its namespace, without waiting for healthCheckSeconds, and makes every check due on reset, on %p',
    async id => {
      const { knex, operator, services, deploy, follower } = await setup(id);
      const store = services.stores.services;
      const broken = await deploy('a');
      const healthy = await deploy('b');
      operator.releases.get(broken.helmReleaseName)!.state = 'failed';
      operator.releases.get(healthy.helmReleaseName)!.state = 'running';
      expect(
        await services.reconciler.reconcileService(broken.id),
      ).toMatchObject({ state: 'error' });
      expect(
        await services.reconciler.reconcileService(healthy.id),
      ).toMatchObject({ state: 'running' });
      // An operation not yet sent to the operator, in the changed namespace.
      operator.down = true;
      const waiting = await deploy('a');
      operator.down = false;
      // Its retry is scheduled later: a change must not bring it forward.
      const waitingDue = new Date(Date.now() + 3_600_000);
      await store.updateBookkeeping(waiting.id, { nextCheckAt: waitingDue });
      expect((await store.get(waiting.id))!.pendingAction).not.toBeNull();

      // The workloads become ready: nothing is due, no pass sees it.
      operator.releases.get(broken.helmReleaseName)!.state = 'running';
      await services.reconciler.reconcileDue();
      expect((await store.get(broken.id))!.state).toBe('error');

      const { feed, follower: changes } = follower(
        { cursor: 'e1-5', namespaces: [broken.helmNamespace], reset: false },
        { cursor: 'e1-9', namespaces: [], reset: true },
      );
      // The change: its namespace's check is due now and the pass runs it.
      expect(await changes.followOnce()).toEqual({ changed: true, due: 1 });
      expect((await store.get(broken.id))!.state).toBe('running');
      // The other namespace and the pending operation kept their schedules.
      const now = Date.now();
      expect(
        (await store.get(healthy.id))!.nextCheckAt!.getTime(),
      ).toBeGreaterThan(now + 900_000_000);
      expect((await store.get(waiting.id))!.nextCheckAt).toEqual(waitingDue);

      // A reset: every check was due (the pass then ran them all).
      expect(await changes.followOnce()).toEqual({ changed: true, due: 2 });
      expect(feed.asked).toEqual([undefined, 'e1-5']);
      expect((await store.get(healthy.id))!.state).toBe('running');
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'makes due the services of the named namespaces only, not deleted ones, on %p',
    async id => {
      const { knex, operator, services, deploy } = await setup(id);
      const store = services.stores.services;
      const a = await deploy('a');
      const b = await deploy('b');
      for (const r of [a, b]) {
        operator.releases.get(r.helmReleaseName)!.state = 'running';
        await services.reconciler.reconcileService(r.id);
      }
      const due = new DueChecks(knex);
      const now = new Date();
      expect(await due.makeDue({ namespaces: ['paas-ws-none'] }, now)).toBe(0);
      expect(await due.makeDue({ namespaces: [a.helmNamespace] }, now)).toBe(1);
      expect((await store.get(a.id))!.nextCheckAt).toEqual(now);
      // Already due: left alone.
      expect(await due.makeDue({ namespaces: [a.helmNamespace] }, now)).toBe(0);
      await knex('cloud_services')
        .where('id', b.id)
        .update({ deleted_at: now });
      expect(await due.makeDue('all', now)).toBe(0);
      await knex.destroy();
    },
  );

  it('logs a failure streak once, backs off, carries on, and stops when asked', async () => {
    const logger = mockServices.logger.mock();
    let calls = 0;
    let passes = 0;
    const made: unknown[] = [];
    const follower = new OperatorChangeFollower({
      changes: async (_query, signal) => {
        calls += 1;
        if (calls <= 3) throw new Error('operator unreachable');
        if (calls === 4) {
          return { cursor: 'e1-1', namespaces: ['paas-ws-a'], reset: false };
        }
        // Held open until the follower stops.
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      },
      dueChecks: {
        makeDue: async scope => {
          made.push(scope);
          return 0;
        },
      },
      reconcileSoon: async () => {
        passes += 1;
      },
      logger,
      retryDelaySeconds: 0.001,
      coalesceSeconds: 0.001,
    });
    follower.start();
    while (calls < 5) await new Promise(resolve => setImmediate(resolve));
    await follower.stop();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain('operator unreachable');
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(made).toEqual([{ namespaces: ['paas-ws-a'] }]);
    expect(calls).toBe(5);
    // Asked for although nothing became due: those checks may have been due already.
    expect(passes).toBe(1);
  });
});
