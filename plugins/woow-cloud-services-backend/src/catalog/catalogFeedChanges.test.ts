import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { createCloudServices } from '../services/createCloudServices';
import { SecretCipher } from '../services/SecretCipher';
import {
  FakeOperator,
  reconcilerSettings as settings,
} from '../__testUtils__/FakeOperator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StoreCatalogFeedSource } from './StoreCatalogFeedSource';

const user = mockCredentials.user('user:default/a');

/** Counts the SQL statements `knex` sends while `fn` runs. */
async function countQueries<T>(knex: Knex, fn: () => Promise<T>) {
  let count = 0;
  const listener = () => {
    count += 1;
  };
  knex.on('query', listener);
  try {
    const result = await fn();
    return { result, count };
  } finally {
    knex.removeListener('query', listener);
  }
}

describe('the catalog feed of services over the real stores', () => {
  const databases = createTestDatabases();

  async function setup(id: any, workspaces: number) {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    const services = createCloudServices({
      db: knex,
      operator: new FakeOperator(),
      permissions: mockServices.permissions(),
      cipher: new SecretCipher(Buffer.alloc(32, 7)),
      settings,
      logger: mockServices.logger.mock(),
    });
    await services.marketplaceLoader.load(settings.marketplaceLocations);
    const created = [];
    for (let w = 0; w < workspaces; w++) {
      await services.workspaces.create(user, {
        id: `ws${w}`,
        name: `WS ${w}`,
        description: '',
      });
      for (let i = 0; i < 2; i++) {
        created.push(
          await services.lifecycle.create(user, `ws${w}`, {
            templateId: 'woow-fixture-app',
            name: `Fixture ${w}-${i}`,
            subdomain: `feed-${w}-${i}`,
            helmValues: { password: 'correct horse battery' },
          }),
        );
      }
    }
    // Written an hour ago: outside any read's overlap.
    await knex('cloud_services').update({
      updated_at: new Date(Date.now() - 3_600_000),
    });
    const source = new StoreCatalogFeedSource({
      ...services.stores,
      baseDomain: settings.baseDomain,
    });
    return { knex, services, source, created };
  }

  it.each(databases.eachSupportedId())(
    'reads every workspace with the same number of queries, one or five of them, on %p',
    async id => {
      const counts = [];
      for (const workspaces of [1, 5]) {
        const { knex, source } = await setup(id, workspaces);
        const full = await countQueries(knex, () => source.listServices());
        expect(full.result.items).toHaveLength(2 * workspaces);
        const delta = await countQueries(knex, () =>
          source.listServices(new Date(Date.now() - 7_200_000)),
        );
        expect(delta.result.items).toHaveLength(2 * workspaces);
        counts.push([full.count, delta.count]);
        await knex.destroy();
      }
      // Services, their workspaces, their members: never one per workspace.
      expect(counts).toEqual([
        [3, 3],
        [3, 3],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives the services created, changed and deleted since a cursor, deletions as tombstones, on %p',
    async id => {
      const { knex, services, source, created } = await setup(id, 2);
      const full = await source.listServices();
      expect(full.removed).toEqual([]);
      const since = new Date(full.cursor);

      expect(await source.listServices(since)).toMatchObject({
        items: [],
        removed: [],
      });

      const [renamed, deleted] = created;
      const store = services.stores.services;
      await store.update(renamed.id, (await store.get(renamed.id))!.version, {
        name: 'Renamed',
      });
      await store.update(deleted.id, (await store.get(deleted.id))!.version, {
        deletedAt: new Date(),
      });
      const added = await services.lifecycle.create(user, 'ws1', {
        templateId: 'woow-fixture-app',
        name: 'Added',
        subdomain: 'feed-added',
        helmValues: { password: 'correct horse battery' },
      });

      const changes = await source.listServices(since);
      expect(changes.items.map(s => [s.id, s.name]).sort()).toEqual(
        [
          [renamed.id, 'Renamed'],
          [added.id, 'Added'],
        ].sort(),
      );
      expect(changes.removed).toEqual([
        { id: deleted.id, helmReleaseName: deleted.helmReleaseName },
      ]);
      expect(new Date(changes.cursor).getTime()).toBeGreaterThanOrEqual(
        since.getTime(),
      );
      await knex.destroy();
    },
  );
});
