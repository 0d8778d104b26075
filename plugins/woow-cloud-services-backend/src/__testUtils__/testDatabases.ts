import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';

/** The PostgreSQL id our Jest setup maps the test environment's PostgreSQL to. */
export const POSTGRES_ID: TestDatabaseId = 'POSTGRES_15';
const POSTGRES_VARIABLE =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/** True when this run must cover PostgreSQL (set by testenv/jestGlobalSetup.cjs). */
export function postgresRequired(): boolean {
  return process.env.WOOW_CLOUD_SERVICES_REQUIRE_PG === '1';
}

/**
 * SQLite always; PostgreSQL when a connection string is configured (never a
 * Docker container: there is none on this machine).
 */
export function databaseIds(): TestDatabaseId[] {
  return process.env[POSTGRES_VARIABLE] || postgresRequired()
    ? ['SQLITE_3', POSTGRES_ID]
    : ['SQLITE_3'];
}

export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: databaseIds(), disableDocker: true });
}
