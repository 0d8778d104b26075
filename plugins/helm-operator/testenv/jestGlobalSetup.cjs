// Jest globalSetup of this package: when the run includes integration tests,
// the shared test environment (tools/testenv) is brought up and its variables
// (KUBECONFIG, WOOW_HELM4, WOOW_HELM3 ...) exported to the test workers. If it
// cannot come up, this throws and the run fails: integration tests never skip.
const path = require('node:path');
// tools/testenv is not a workspace package: its files are resolved by path.
const TESTENV_JEST = path.resolve(__dirname, '../../../tools/testenv/jest');
const TESTENV_SETUP = path.join(TESTENV_JEST, 'globalSetup.cjs');
const runIncludesIntegrationTests = require(path.join(
  TESTENV_JEST,
  'runIncludesIntegrationTests.cjs',
));

module.exports = async function helmOperatorGlobalSetup(
  globalConfig,
  projectConfig,
) {
  if (!runIncludesIntegrationTests(globalConfig, projectConfig)) return;
  process.env.HELM_OPERATOR_TESTENV_SETUP = '1';
  await require(TESTENV_SETUP)(globalConfig, projectConfig);
};
