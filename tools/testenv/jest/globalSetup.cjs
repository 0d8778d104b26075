// Jest globalSetup: brings the local test environment up (building it the first time), and puts
// its variables into process.env so every test worker inherits them.
//
//   // jest config (e.g. the "jest" key of a package.json used with backstage-cli):
//   globalSetup: '<rootDir>/tools/testenv/jest/globalSetup.cjs',
//   globalTeardown: '<rootDir>/tools/testenv/jest/globalTeardown.cjs',
//
// Plain CommonJS. Jest runs this file through its transform (SWC/Babel for backstage-cli), which
// would turn `import()` into `require()` of an ES module; the import is therefore built with
// `new Function`, and as a fallback the CLI is run in a child process.
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { execFileSync } = require('node:child_process');

const TESTENV_DIR = path.resolve(__dirname, '..');

async function loadApi() {
  const importEsm = new Function('specifier', 'return import(specifier)');
  return importEsm(pathToFileURL(path.join(TESTENV_DIR, 'index.mjs')).href);
}

async function ensureUp() {
  try {
    const api = await loadApi();
    return await api.ensureUp();
  } catch (err) {
    if (
      !/dynamic import|ERR_VM_DYNAMIC_IMPORT|ERR_REQUIRE_ESM|Cannot use import/i.test(
        String(err && (err.code || err.message)),
      )
    ) {
      throw err;
    }
    const out = execFileSync(
      process.execPath,
      [path.join(TESTENV_DIR, 'testenv.mjs'), 'up', '--json'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return JSON.parse(out);
  }
}

module.exports = async function woowTestenvGlobalSetup() {
  if (process.env.WOOW_TESTENV_DISABLE) return;
  const { env, started } = await ensureUp();
  for (const [k, v] of Object.entries(env)) process.env[k] = String(v);
  // globalTeardown runs in this same process: it stops the environment only if we started it.
  globalThis.__WOOW_TESTENV_STARTED__ = !!started;
  process.env.WOOW_TESTENV_STARTED_BY_JEST = started ? '1' : '';
};
