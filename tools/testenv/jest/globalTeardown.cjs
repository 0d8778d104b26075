// Jest globalTeardown: stops the local test environment if this Jest run started it, unless
// WOOW_TESTENV_KEEP is set (then it stays up for the next run, which reuses it in ~1 s).
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { execFileSync } = require('node:child_process');

const TESTENV_DIR = path.resolve(__dirname, '..');

module.exports = async function woowTestenvGlobalTeardown() {
  if (process.env.WOOW_TESTENV_DISABLE) return;
  const started =
    globalThis.__WOOW_TESTENV_STARTED__ ??
    process.env.WOOW_TESTENV_STARTED_BY_JEST === '1';
  if (!started || process.env.WOOW_TESTENV_KEEP) return;
  try {
    const importEsm = new Function('specifier', 'return import(specifier)');
    const api = await importEsm(
      pathToFileURL(path.join(TESTENV_DIR, 'index.mjs')).href,
    );
    await api.down();
  } catch (err) {
    if (
      !/dynamic import|ERR_VM_DYNAMIC_IMPORT|ERR_REQUIRE_ESM|Cannot use import/i.test(
        String(err && (err.code || err.message)),
      )
    ) {
      throw err;
    }
    execFileSync(
      process.execPath,
      [path.join(TESTENV_DIR, 'testenv.mjs'), 'down'],
      { stdio: 'inherit' },
    );
  }
};
