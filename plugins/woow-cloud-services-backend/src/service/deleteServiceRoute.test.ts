import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  DefaultAuditorService,
  type AuditorEvent,
} from '@backstage/backend-defaults/auditor';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import { createBackupHarness } from '../__testUtils__/backupHarness';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createTestWorkspace } from '../__testUtils__/testServices';
import { createRouter } from './router';

// DELETE /workspaces/:wid/services/:sid with keepBackups: the real router,
// lifecycle, backup service and database; the helm-operator is an in-memory
// stand-in (FakeBackupOperator) that records the backups it is told to delete.

const OWNER = 'user:default/owner';
const auth = { Authorization: mockCredentials.user.header(OWNER) };

describe('DELETE .../services/:serviceId keepBackups', () => {
  const databases = createTestDatabases();
  const owner = mockCredentials.user(OWNER);

  async function setup(id: any) {
    const knex = await databases.init(id);
    const { operator, services, backups, logger, settings } =
      await createBackupHarness(knex);
    const events: AuditorEvent[] = [];
    const httpAuth = mockServices.httpAuth();
    const router = await createRouter({
      ...services,
      backups: backups.service,
      httpAuth,
      auditor: DefaultAuditorService.create(async e => void events.push(e), {
        auth: mockServices.auth(),
        httpAuth,
        plugin: { getId: () => 'woow-cloud-services' },
      }),
      logger,
      settings,
    });
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger,
    });
    const app = express().use(router).use(middleware.error());
    const workspaceId = await createTestWorkspace(services, owner);

    /** A running service with two finished backups. */
    const backedUp = async () => {
      const created = await services.lifecycle.create(owner, workspaceId, {
        templateId: 'woow-fixture-app',
        name: 'Fixture',
        subdomain: `fx-${Math.random().toString(36).slice(2, 8)}`,
        helmValues: { password: 'correct horse battery staple' },
      });
      await services.reconciler.reconcileService(created.id);
      const ids = [
        (await backups.service.backUpNow(owner, workspaceId, created.id)).id,
        (await backups.service.backUpNow(owner, workspaceId, created.id)).id,
      ];
      operator.finishAll('succeeded');
      await backups.reconciler.reconcile(new Date());
      const service = await services.stores.services.get(created.id);
      return { service: service!, backupIds: ids };
    };
    const del = (serviceId: string, query: string) =>
      request(app)
        .delete(`/workspaces/${workspaceId}/services/${serviceId}?${query}`)
        .set(auth);
    return {
      operator,
      services,
      backupStore: backups.backups,
      backedUp,
      del,
      events,
      knex,
    };
  }

  it.each(databases.eachSupportedId())(
    'keeps the backups by default, deletes them (audited) with keepBackups=false, on %p',
    async id => {
      const { operator, services, backupStore, backedUp, del, events, knex } =
        await setup(id);

      const kept = await backedUp();
      const keeping = await del(
        kept.service.id,
        `version=${kept.service.version}`,
      );
      expect(keeping.status).toBe(202);
      expect(operator.deleted).toEqual([]);
      expect(await backupStore.listForService(kept.service.id)).toHaveLength(2);

      const dropped = await backedUp();
      const deleting = await del(
        dropped.service.id,
        `keepBackups=false&version=${dropped.service.version}`,
      );
      expect(deleting.status).toBe(202);
      expect(deleting.body).toMatchObject({ id: dropped.service.id });
      expect([...operator.deleted].sort()).toEqual(
        [...dropped.backupIds].sort(),
      );
      expect(await backupStore.listForService(dropped.service.id)).toEqual([]);
      // Uninstalled: no longer among the live services.
      expect(
        await services.stores.services.get(dropped.service.id),
      ).toBeUndefined();

      const finished = events.filter(e => e.status !== 'initiated');
      expect(
        finished.map(e => [e.eventId, e.status, e.meta?.serviceId]),
      ).toEqual([
        ['service-delete', 'succeeded', kept.service.id],
        ['service-backup-delete-all', 'succeeded', dropped.service.id],
        ['service-delete', 'succeeded', dropped.service.id],
      ]);
      expect(finished[0].meta).toMatchObject({ keepBackups: true });
      expect(finished[1]).toMatchObject({
        severityLevel: 'high',
        actor: { actorId: OWNER },
        meta: { deleted: 2, via: 'service-delete' },
      });
      expect(finished[2].meta).toMatchObject({ keepBackups: false });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a keepBackups that is not true or false with a 400 naming it, deleting nothing, on %p',
    async id => {
      const { operator, services, backedUp, del, knex } = await setup(id);
      const { service } = await backedUp();
      const res = await del(
        service.id,
        `keepBackups=no&version=${service.version}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([
        {
          field: 'keepBackups',
          message: 'Invalid option: expected one of "true"|"false"',
        },
      ]);
      expect(operator.deleted).toEqual([]);
      expect(
        (await services.stores.services.get(service.id))!.deletedAt,
      ).toBeNull();
      await knex.destroy();
    },
  );
});
