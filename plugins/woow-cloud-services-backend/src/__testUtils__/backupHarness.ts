import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import { readSettings } from '../config';
import { applyDatabaseMigrations } from '../database/migrations';
import { readBackupSettings } from '../services/backups/backupSettings';
import { createBackupServices } from '../services/backups/createBackupServices';
import { FakeBackupOperator } from './FakeBackupOperator';
import { TEST_MARKETPLACE_LOCATIONS } from './portalConfig';
import { createTestCloudServices } from './testServices';

/**
 * The backend's services and its backup services over a migrated database,
 * the marketplace (with the fixture app) loaded, the helm-operator replaced
 * by a FakeBackupOperator; notifications are kept in `sent`.
 */
export async function createBackupHarness(
  knex: Knex,
  backupConfig: object = {},
) {
  await applyDatabaseMigrations(knex);
  const operator = new FakeBackupOperator();
  const sent: NotificationSendOptions[] = [];
  const notifications = {
    async send(options: NotificationSendOptions) {
      sent.push(options);
    },
  };
  const logger = mockServices.logger.mock();
  const config = new ConfigReader({
    woowCloudServices: {
      baseDomain: 'example.com',
      marketplace: { locations: TEST_MARKETPLACE_LOCATIONS },
      backups: backupConfig,
    },
  });
  const settings = readSettings(config);
  const services = createTestCloudServices({
    knex,
    operator,
    settings,
    logger,
    notifications,
  });
  await services.marketplaceLoader.load(TEST_MARKETPLACE_LOCATIONS);
  const backups = createBackupServices({
    db: knex,
    services,
    operator,
    backupSettings: readBackupSettings(config),
    logger,
    notifications,
  });
  return { operator, services, backups, sent, logger, settings };
}
