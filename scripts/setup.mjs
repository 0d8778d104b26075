// Installs the repo's dependencies when they are missing or out of date, and
// makes sure every native addon is built for the Node 22 that runs Backstage.
// A second run with nothing changed does nothing (stamp in node_modules).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  hashPaths,
  log,
  node22Bin,
  node22Headers,
  repoRoot,
  run,
  runSync,
  workspaceDirs,
} from './lib.mjs';

/**
 * Native addons Backstage loads at runtime; each must load under Node 22.
 * Required ones must be installed; optional ones are checked when present
 * (isolated-vm comes with some scaffolder versions only).
 */
const REQUIRED_ADDONS = ['better-sqlite3'];
const OPTIONAL_ADDONS = ['isolated-vm'];

function nativeAddons() {
  return [
    ...REQUIRED_ADDONS,
    ...OPTIONAL_ADDONS.filter(addon =>
      existsSync(path.join(repoRoot, 'node_modules', addon)),
    ),
  ];
}

const stampFile = path.join(repoRoot, 'node_modules', '.woow-install-stamp');

function installInputsHash() {
  return hashPaths([
    'package.json',
    'package-lock.json',
    ...workspaceDirs().map(dir => path.join(dir, 'package.json')),
  ]);
}

function addonLoadFailures() {
  const failures = [];
  for (const addon of nativeAddons()) {
    if (!existsSync(path.join(repoRoot, 'node_modules', addon))) {
      failures.push(`${addon}: not installed`);
      continue;
    }
    // better-sqlite3 only loads its binding when a database is opened.
    const probe =
      addon === 'better-sqlite3'
        ? `new (require('better-sqlite3'))(':memory:').close()`
        : `require('${addon}')`;
    const result = runSync(node22Bin, ['-e', probe]);
    if (result.status !== 0) {
      const reason = (result.stderr || '')
        .split('\n')
        .find(l => /Error/.test(l));
      failures.push(`${addon}: ${reason ?? 'failed to load'}`);
    }
  }
  return failures;
}

export async function ensureInstalled({ quiet = false } = {}) {
  const wanted = installInputsHash();
  const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
  if (have === wanted && existsSync(node22Bin)) {
    if (!quiet) log('dependencies are up to date (skipping npm install)');
    return;
  }

  const started = Date.now();
  const fresh = !existsSync(path.join(repoRoot, 'node_modules'));
  const npmArgs =
    fresh && existsSync(path.join(repoRoot, 'package-lock.json'))
      ? ['ci']
      : ['install'];
  log(
    `installing dependencies (npm ${npmArgs[0]}; several minutes on a cold cache)`,
  );
  await run('npm', [...npmArgs, '--no-audit', '--no-fund']);

  if (!existsSync(node22Bin)) {
    throw new Error(
      `Node 22 was not installed at ${node22Bin}: the root devDependency "node" is required`,
    );
  }

  let failures = addonLoadFailures();
  if (failures.length > 0) {
    log(`rebuilding native addons for Node 22 (${failures.join('; ')})`);
    // The addon build scripts run node-gyp with the first `node` on the PATH
    // (Node 22, see repoEnv) and the headers that ship with the node package.
    await run('npm', [
      'rebuild',
      ...nativeAddons(),
      `--nodedir=${node22Headers}`,
    ]);
    failures = addonLoadFailures();
  }
  if (failures.length > 0) {
    throw new Error(
      `native addons do not load under Node 22 after a rebuild:\n  ${failures.join(
        '\n  ',
      )}`,
    );
  }

  writeFileSync(stampFile, wanted);
  log(
    `dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureInstalled().catch(error => {
    console.error(`\nsetup failed: ${error.message}`);
    process.exit(1);
  });
}
