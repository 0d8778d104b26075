import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** The package's `migrations/` directory, wherever the package is installed. */
export const migrationsDir = resolvePackagePath(
  '@woowtech/backstage-plugin-woow-cloud-services-backend',
  'migrations',
);

export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}
