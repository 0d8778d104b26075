import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import {
  FakeOperator,
  reconcilerSettings as settings,
} from '../__testUtils__/FakeOperator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createCloudServices } from './createCloudServices';
import { SecretCipher } from './SecretCipher';

const user = mockCredentials.user('user:default/a');

describe('Reconciler', () => {
  const databases = createTestDatabases();

  async function setup(
    id: any,
    reconciler: Partial<typeof settings.reconciler> = {},
  ) {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    const operator = new FakeOperator();
    const services = createCloudServices({
      db: knex,
      operator,
      permissions: mockServices.permissions(),
      cipher: new SecretCipher(Buffer.alloc(32, 7)),
      settings: {
        ...settings,
        reconciler: { ...settings.reconciler, ...reconciler },
      },
      logger: mockServices.logger.mock(),
    });
    await services.marketplaceLoader.load(settings.marketplaceLocations);
    await services.workspaces.create(user, {
      id: 'ws',
      name: 'WS',
      description: '',
    });
    const deploy = () =>
      services.lifecycle.create(user, 'ws', {
        templateId: 'woow-fixture-app',
        name: 'Fixture',
        subdomain: `fx-${Math.random().toString(36).slice(2, 8)}`,
        helmValues: { password: 'correct horse battery' },
      });
    const events = async (serviceId: string) =>
      (await services.stores.events.list(serviceId))
        .map(
          e => `${e.type}:${e.fromState ?? ''}>${e.toState ?? ''}:${e.result}`,
        )
        .reverse();
    return { knex, operator, services, deploy, events };
  }

  it.each(databases.eachSupportedId())(
    'moves a deploy from deploying to running once the workloads are ready, on %p',
    async id => {
      const { knex, operator, services, deploy, events } = await setup(id);
      const created = await deploy();
      expect(created.state).toBe('deploying');
      expect(operator.calls).toEqual(['ensureNamespace', 'install']);

      let record = await services.reconciler.reconcileService(created.id);
      expect(record).toMatchObject({
        state: 'deploying',
        statusDetail: 'workloads progressing',
      });

      operator.releases.get(created.helmReleaseName)!.state = 'running';
      record = await services.reconciler.reconcileService(created.id);
      expect(record).toMatchObject({
        state: 'running',
        helmRevision: 1,
        errorMessage: null,
      });
      expect(record!.deployedAt).toBeInstanceOf(Date);
      expect(await services.stores.revisions.get(created.id, 1)).toMatchObject({
        chartVersion: '0.1.0',
      });
      expect(await events(created.id)).toEqual([
        'create:>pending:success',
        'deploy:pending>deploying:success',
        'state_change:deploying>running:success',
      ]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'gives a rolled-back service the plan and allocation of that revision, on %p',
    async id => {
      const { knex, operator, services, deploy } = await setup(id);
      const settle = async (serviceId: string) => {
        const record = await services.stores.services.get(serviceId);
        operator.releases.get(record!.helmReleaseName)!.state = 'running';
        return (await services.reconciler.reconcileService(serviceId))!;
      };
      // The fixture app's default plan.
      const created = await deploy();
      const small = await settle(created.id);
      expect(small).toMatchObject({ helmRevision: 1, plan: 'small' });

      await services.updater.update(user, 'ws', created.id, {
        version: small.version,
        plan: 'medium',
      });
      const medium = await settle(created.id);
      expect(medium).toMatchObject({ helmRevision: 2, plan: 'medium' });
      expect(medium.allocatedVcpu).toBeGreaterThan(small.allocatedVcpu);

      await services.lifecycle.rollback(user, 'ws', created.id, {
        revision: 1,
        version: medium.version,
      });
      expect(await services.stores.services.get(created.id)).toMatchObject({
        state: 'rolling_back',
        plan: 'small',
        allocatedVcpu: small.allocatedVcpu,
        allocatedRamGb: small.allocatedRamGb,
        allocatedStorageGb: small.allocatedStorageGb,
      });
      expect(await settle(created.id)).toMatchObject({
        state: 'running',
        plan: 'small',
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'retries an install the operator could not take, with backoff, then gives up, on %p',
    async id => {
      const { knex, operator, services, deploy } = await setup(id);
      operator.down = true;
      const created = await deploy();
      expect(created.state).toBe('pending');
      expect(created.statusDetail).toMatch(
        /will be retried .* \(attempt 1 of 3\)/,
      );

      // Not due yet (backoff): the scheduled pass leaves it alone.
      expect(
        await services.reconciler.reconcileDue(new Date(Date.now() - 5000)),
      ).toBe(0);

      operator.down = false;
      const retried = await services.reconciler.reconcileService(created.id);
      expect(retried).toMatchObject({
        state: 'deploying',
        attempts: 0,
        pendingAction: null,
      });

      operator.down = true;
      const second = await deploy();
      await services.reconciler.reconcileService(second.id);
      const failed = await services.reconciler.reconcileService(second.id);
      expect(failed).toMatchObject({ state: 'error', pendingAction: null });
      expect(failed!.errorMessage).toMatch(
        /^Deploy failed: .*unreachable.*delete this service and deploy it again/,
      );
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps an install the busy operator refused (503 Retry-After) pending, retried after that delay without counting an attempt, on %p',
    async id => {
      const { knex, operator, services, deploy } = await setup(id);
      operator.busyFor = 9;
      const created = await deploy();
      const row = (await services.stores.services.get(created.id))!;
      expect(row).toMatchObject({
        state: 'pending',
        attempts: 0,
        statusDetail: 'Deploy waits: the operator is busy; retried in 9s',
      });
      expect(row.pendingAction).not.toBeNull();
      // Due after the operator's delay, not before.
      const wait =
        (row.nextCheckAt!.getTime() - row.updatedAt.getTime()) / 1000;
      expect(wait).toBeGreaterThanOrEqual(8);
      // Busy again: still no attempt counted, never an error.
      for (let i = 0; i < 5; i++) {
        const again = await services.reconciler.reconcileService(created.id);
        expect(again).toMatchObject({ state: 'pending', attempts: 0 });
      }
      operator.busyFor = undefined;
      const retried = await services.reconciler.reconcileService(created.id);
      expect(retried).toMatchObject({ state: 'deploying', attempts: 0 });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'reports failures with what to do, and notices releases that vanish or recover, on %p',
    async id => {
      const { knex, operator, services, deploy } = await setup(id);
      const created = await deploy();
      const release = operator.releases.get(created.helmReleaseName)!;
      release.problems = [
        {
          reason: 'ImagePullBackOff',
          object: 'Pod/x',
          message: 'no such image',
        },
      ];
      // Fatal problems get a grace period first ...
      expect(
        await services.reconciler.reconcileService(created.id),
      ).toMatchObject({ state: 'deploying' });
      // ... then the failure is reported with the reason and advice.
      release.state = 'failed';
      const failed = await services.reconciler.reconcileService(created.id);
      expect(failed!.state).toBe('error');
      expect(failed!.errorMessage).toContain(
        'ImagePullBackOff on Pod/x: no such image',
      );
      expect(failed!.errorMessage).toContain(
        'delete this service and deploy it again',
      );

      release.state = 'running';
      release.problems = [];
      expect(
        await services.reconciler.reconcileService(created.id),
      ).toMatchObject({ state: 'running' });

      operator.releases.delete(created.helmReleaseName);
      const vanished = await services.reconciler.reconcileService(created.id);
      expect(vanished!.state).toBe('error');
      expect(vanished!.errorMessage).toMatch(/no longer exists in the cluster/);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'moves a running service to error on any problem the operator reports as stuck, on %p',
    async id => {
      const { knex, operator, services, deploy } = await setup(id);
      const created = await deploy();
      const release = operator.releases.get(created.helmReleaseName)!;
      release.state = 'running';
      await services.reconciler.reconcileService(created.id);
      // One the operator lists among its stuck container reasons (-common).
      release.problems = [
        {
          reason: 'RunContainerError',
          object: 'Pod/x',
          message: 'container app: exec format error',
        },
      ];
      const failed = await services.reconciler.reconcileService(created.id);
      expect(failed!.state).toBe('error');
      expect(failed!.errorMessage).toContain(
        'RunContainerError on Pod/x: container app: exec format error',
      );
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'backs off a service whose reconciliation throws, without holding up the others, on %p',
    async id => {
      const { knex, operator, services, deploy } = await setup(id);
      const store = services.stores.services;
      const [a, b, c] = [await deploy(), await deploy(), await deploy()];
      operator.releases.get(a.helmReleaseName)!.state = 'running';
      operator.releases.get(c.helmReleaseName)!.state = 'running';
      operator.malformed.add(b.helmReleaseName);
      // Due in this order: the failing service sits between the other two.
      const t0 = new Date(Date.now() + 60_000);
      const before = (ms: number) => new Date(t0.getTime() - ms);
      await store.updateBookkeeping(a.id, { nextCheckAt: before(3000) });
      await store.updateBookkeeping(b.id, { nextCheckAt: before(2000) });
      await store.updateBookkeeping(c.id, { nextCheckAt: before(1000) });

      // Even when the retry cannot be recorded, the pass goes on to the next service.
      const updateBookkeeping = store.updateBookkeeping.bind(store);
      const spy = jest
        .spyOn(store, 'updateBookkeeping')
        .mockImplementation(async (serviceId, patch) => {
          if (serviceId === b.id) throw new Error('database unavailable');
          return updateBookkeeping(serviceId, patch);
        });
      expect(await services.reconciler.reconcileDue(t0)).toBe(3);
      spy.mockRestore();
      expect((await store.get(a.id))!.state).toBe('running');
      expect((await store.get(c.id))!.state).toBe('running');
      expect(await store.get(b.id)).toMatchObject({
        state: 'deploying',
        attempts: 0,
      });

      // Each failure doubles the wait (frequency 1 s), capped at five minutes.
      // The retry that could not be recorded waits for the pass's claim to
      // end (claimSeconds, 120 s by default) instead.
      const waits: number[] = [];
      let at = new Date(t0.getTime() + 120_000);
      for (let pass = 0; pass < 11; pass++) {
        await services.reconciler.reconcileDue(at);
        const record = (await store.get(b.id))!;
        expect(record.attempts).toBe(pass + 1);
        waits.push((record.nextCheckAt!.getTime() - at.getTime()) / 1000);
        // Not retried before its time.
        await services.reconciler.reconcileDue(
          new Date(record.nextCheckAt!.getTime() - 1),
        );
        expect((await store.get(b.id))!.attempts).toBe(pass + 1);
        at = record.nextCheckAt!;
      }
      expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);

      // Once it reconciles again, the count starts over.
      operator.malformed.delete(b.helmReleaseName);
      operator.releases.get(b.helmReleaseName)!.state = 'running';
      await services.reconciler.reconcileDue(at);
      expect(await store.get(b.id)).toMatchObject({
        state: 'running',
        attempts: 0,
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'stops a pass when its signal aborts, leaving the rest due for the next pass, on %p',
    async id => {
      // One unit of work at a time; the two services in two namespaces.
      const { knex, operator, services, deploy } = await setup(id, {
        concurrency: 1,
      });
      const store = services.stores.services;
      await services.workspaces.create(user, {
        id: 'ws2',
        name: 'WS2',
        description: '',
      });
      const a = await deploy();
      const b = await services.lifecycle.create(user, 'ws2', {
        templateId: 'woow-fixture-app',
        name: 'Fixture',
        subdomain: 'fx-other',
        helmValues: { password: 'correct horse battery' },
      });
      operator.releases.get(a.helmReleaseName)!.state = 'running';
      operator.releases.get(b.helmReleaseName)!.state = 'running';
      const t0 = new Date(Date.now() + 60_000);
      await store.updateBookkeeping(a.id, {
        nextCheckAt: new Date(t0.getTime() - 2000),
      });
      await store.updateBookkeeping(b.id, {
        nextCheckAt: new Date(t0.getTime() - 1000),
      });

      // The scheduler aborts (task timeout or shutdown) while the first
      // namespace is in hand: that one finishes, the second waits.
      const controller = new AbortController();
      const read = operator.getNamespaceStatuses.bind(operator);
      const spy = jest
        .spyOn(operator, 'getNamespaceStatuses')
        .mockImplementation(async ns => {
          controller.abort();
          return read(ns);
        });
      expect(
        await services.reconciler.reconcileDue(t0, controller.signal),
      ).toBe(1);
      spy.mockRestore();
      expect((await store.get(a.id))!.state).toBe('running');
      expect((await store.get(b.id))!.state).toBe('deploying');

      // The next pass takes it.
      expect(await services.reconciler.reconcileDue(t0)).toBe(1);
      expect((await store.get(b.id))!.state).toBe('running');
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'picks up work a crashed request left behind once its lease expires, on %p',
    async id => {
      const { knex, operator, services, deploy } = await setup(id);
      operator.down = true;
      const created = await deploy();
      operator.down = false;
      // A backend that died mid-request leaves a pending row; the next pass
      // after its lease or backoff takes it over.
      const later = new Date(Date.now() + 10 * 60_000);
      expect(await services.reconciler.reconcileDue(later)).toBe(1);
      expect((await services.stores.services.get(created.id))!.state).toBe(
        'deploying',
      );

      // A deploy that never becomes ready ends in error after the settle timeout.
      const muchLater = new Date(Date.now() + 11 * 60_000);
      await services.reconciler.reconcileDue(muchLater);
      const stuck = await services.stores.services.get(created.id);
      expect(stuck!.state).toBe('error');
      expect(stuck!.errorMessage).toMatch(/Not ready after \d+ minutes/);

      // An interrupted helm operation (release stuck pending-*) is undone through the operator.
      const second = await deploy();
      operator.releases.get(second.helmReleaseName)!.state =
        'pending-operation';
      await services.reconciler.reconcileDue(muchLater);
      const recovered = await services.stores.services.get(second.id);
      expect(operator.calls).toContain('recover');
      expect(recovered!.state).toBe('error');
      expect(recovered!.errorMessage).toMatch(
        /interrupted .* rolled back to revision 1/,
      );
      await knex.destroy();
    },
  );
  it.each(databases.eachSupportedId())(
    'installs again a first install whose operator replica died mid-way, once its lease lapsed, on %p',
    async id => {
      const { knex, operator, services, deploy } = await setup(id);
      const created = await deploy();
      // helm was killed with its operator: the release stays pending-install.
      operator.releases.get(created.helmReleaseName)!.state =
        'pending-operation';
      // Past the grace, well before the settle timeout (10 minutes).
      const later = new Date(Date.now() + 2 * 60_000);

      // While a live replica's install holds the lease, nothing is undone.
      operator.recoverFinds = 'lease-held';
      await services.reconciler.reconcileDue(later);
      expect(await services.stores.services.get(created.id)).toMatchObject({
        state: 'deploying',
        statusDetail: 'Helm operation under way (release pending-install)',
      });

      // The lease lapsed (its holder is dead): the half-install is removed
      // and the install queued again, then sent, then it settles.
      operator.recoverFinds = 'no-deployed-revision';
      operator.calls = [];
      await services.reconciler.reconcileDue(
        new Date(later.getTime() + 60_000),
      );
      expect(operator.calls).toContain('recover');
      expect(await services.stores.services.get(created.id)).toMatchObject({
        state: 'pending',
        pendingAction: { kind: 'install' },
        errorMessage: null,
      });
      await services.reconciler.reconcileDue(
        new Date(later.getTime() + 2 * 60_000),
      );
      expect(operator.installed).toEqual([
        created.helmReleaseName,
        created.helmReleaseName,
      ]);
      operator.releases.get(created.helmReleaseName)!.state = 'running';
      expect(
        await services.reconciler.reconcileService(created.id),
      ).toMatchObject({ state: 'running', helmRevision: 1 });
      await knex.destroy();
    },
  );
  it.each(databases.eachSupportedId())(
    'checks health with one operator call per namespace, and takes work in flight before health checks, on %p',
    async id => {
      const { knex, operator, services, deploy } = await setup(id, {
        batchSize: 1,
      });
      const store = services.stores.services;
      const running = [await deploy(), await deploy(), await deploy()];
      for (const r of running) {
        operator.releases.get(r.helmReleaseName)!.state = 'running';
      }
      const t0 = new Date(Date.now() + 60_000);
      for (const [i, r] of running.entries()) {
        await store.updateBookkeeping(r.id, {
          nextCheckAt: new Date(t0.getTime() - 5000 + i),
        });
      }
      // A deploy the operator could not take, due later than the checks.
      operator.down = true;
      const queued = await deploy();
      operator.down = false;
      await store.updateBookkeeping(queued.id, {
        nextCheckAt: new Date(t0.getTime() - 1000),
      });

      operator.calls = [];
      expect(await services.reconciler.reconcileDue(t0)).toBe(1);
      expect(operator.calls).toEqual(['ensureNamespace', 'install']);
      expect((await store.get(queued.id))!.state).toBe('deploying');

      operator.calls = [];
      // The same database with the default batch size: the three checks and
      // the new deploy's (due a second after its install), one call.
      const wide = createCloudServices({
        db: knex,
        operator,
        permissions: mockServices.permissions(),
        cipher: new SecretCipher(Buffer.alloc(32, 7)),
        settings,
        logger: mockServices.logger.mock(),
      });
      expect(await wide.reconciler.reconcileDue(t0)).toBe(4);
      expect(operator.calls).toEqual(['namespaceStatus:paas-ws-ws']);
      for (const r of running) {
        expect((await store.get(r.id))!.state).toBe('running');
      }
      await knex.destroy();
    },
  );
});
