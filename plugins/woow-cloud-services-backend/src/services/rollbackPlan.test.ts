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

describe('rollback and plans', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives the service the plan and allocation of the revision rolled back to, on %p',
    async id => {
      const knex = await databases.init(id);
      await applyDatabaseMigrations(knex);
      const operator = new FakeOperator();
      const services = createCloudServices({
        db: knex,
        operator,
        permissions: mockServices.permissions(),
        cipher: new SecretCipher(Buffer.alloc(32, 7)),
        settings,
        logger: mockServices.logger.mock(),
      });
      await services.marketplaceLoader.load(settings.marketplaceLocations);
      await services.workspaces.create(user, {
        id: 'ws',
        name: 'WS',
        description: '',
      });
      const settle = async (serviceId: string) => {
        const record = await services.stores.services.get(serviceId);
        operator.releases.get(record!.helmReleaseName)!.state = 'running';
        return (await services.reconciler.reconcileService(serviceId))!;
      };

      const created = await services.lifecycle.create(user, 'ws', {
        templateId: 'woow-fixture-app',
        name: 'Fixture',
        subdomain: 'fx-rollback-plan',
        plan: 'small',
        helmValues: { password: 'correct horse battery' },
      });
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
      const rolledBack = await services.stores.services.get(created.id);
      expect(rolledBack).toMatchObject({
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
});
