// Whether a Jest run includes a package's *.integration.test.ts files: the
// local test environment (a real control plane, minutes to build the first
// time) is brought up only for them, so unit tests run without it.
const fs = require('node:fs');
const path = require('node:path');

function integrationTestFiles(rootDir) {
  return fs
    .readdirSync(rootDir, { recursive: true })
    .map(String)
    .filter(f => /\.integration\.test\.[cm]?[jt]sx?$/.test(f))
    .map(f => path.join(rootDir, f));
}

module.exports = function runIncludesIntegrationTests(
  globalConfig,
  projectConfig,
) {
  if (globalConfig.listTests) return false;
  const ignored = (projectConfig.testPathIgnorePatterns ?? []).map(
    p => new RegExp(p),
  );
  const files = integrationTestFiles(projectConfig.rootDir).filter(
    f => !ignored.some(re => re.test(f)),
  );
  if (!files.length) return false;
  // --onlyChanged, --findRelatedTests ...: the selection is not known here; be safe.
  if (
    globalConfig.onlyChanged ||
    globalConfig.findRelatedTests ||
    globalConfig.changedSince
  )
    return true;
  const patterns = globalConfig.testPathPatterns;
  if (!patterns || typeof patterns.toExecutor !== 'function') return true;
  const executor = patterns.toExecutor({ rootDir: globalConfig.rootDir });
  if (!executor.isSet()) return true;
  return files.some(f => executor.isMatch(f));
};
