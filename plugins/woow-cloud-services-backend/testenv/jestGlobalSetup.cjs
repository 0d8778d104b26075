// Jest globalSetup of this package. When the run includes integration tests,
// the shared test environment (tools/testenv) is brought up and its variables
// (KUBECONFIG, WOOW_HELM4, WOOW_PG_* ...) exported to the test workers; the
// environment's PostgreSQL becomes TestDatabases' POSTGRES_15 and is then
// REQUIRED (tests assert the PostgreSQL variant ran). If the environment
// cannot come up this throws and the run fails: integration tests never skip.
//
// Unit tests alone run without the environment, on SQLite, and on PostgreSQL
// too when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const path = require('node:path');
// tools/testenv is not a workspace package: its files are resolved by path.
const TESTENV_JEST = path.resolve(__dirname, '../../../tools/testenv/jest');
const TESTENV_SETUP = path.join(TESTENV_JEST, 'globalSetup.cjs');
const runIncludesIntegrationTests = require(path.join(
  TESTENV_JEST,
  'runIncludesIntegrationTests.cjs',
));
const PG_VARIABLE = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

module.exports = async function cloudServicesGlobalSetup(
  globalConfig,
  projectConfig,
) {
  if (!runIncludesIntegrationTests(globalConfig, projectConfig)) return;
  process.env.WOOW_CLOUD_SERVICES_TESTENV_SETUP = '1';
  await require(TESTENV_SETUP)(globalConfig, projectConfig);
  if (!process.env.WOOW_PG_URL) {
    throw new Error(
      'The test environment did not provide WOOW_PG_URL (its PostgreSQL)',
    );
  }
  process.env[PG_VARIABLE] ??= process.env.WOOW_PG_URL;
  process.env.WOOW_CLOUD_SERVICES_REQUIRE_PG = '1';
};
