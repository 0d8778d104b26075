// Counterpart of jestGlobalSetup.cjs: lets tools/testenv stop the environment
// if (and only if) this run started it.
const path = require('node:path');

const TESTENV_TEARDOWN = path.resolve(
  __dirname,
  '../../../tools/testenv/jest/globalTeardown.cjs',
);

module.exports = async function cloudServicesGlobalTeardown(
  globalConfig,
  projectConfig,
) {
  if (process.env.WOOW_CLOUD_SERVICES_TESTENV_SETUP !== '1') return;
  await require(TESTENV_TEARDOWN)(globalConfig, projectConfig);
};
