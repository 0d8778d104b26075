// `npm test -- --only=install`: the plugin packages packed as they would be
// published, installed into a fresh Backstage app (made as this repository
// was: scripts/install/freshApp.mjs) with the lines of the README's "Install
// into your Backstage app", whose backend is then started against the test
// control plane: the portal health check, one deploy of the fixture app
// through the HTTP API, then everything stopped and removed.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import {
  freePort,
  log,
  node22Headers,
  repoRoot,
  run,
  runSync,
} from '../lib.mjs';
import { createFreshApp } from './freshApp.mjs';
import {
  applyInstallDocs,
  checkPluginReadmes,
  readInstallDocs,
} from './installDocs.mjs';
import { packPluginPackages, pluginPackageDirs } from './packPackages.mjs';
import { deployThroughApi, waitForPortalHealth } from './portalCheck.mjs';

const cacheRoot = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
  'woow-install-test',
);
/** The app's node_modules trees, kept between runs (npm install reconciles them). */
const NODE_MODULES = [
  'node_modules',
  'packages/app/node_modules',
  'packages/backend/node_modules',
];
const FIXTURE_TEMPLATE = 'woow-fixture-app';

/** The app as create-app made it: its node_modules fit any later run of the same. */
function templateKey(appDir) {
  const hash = createHash('sha256');
  for (const file of [
    'package.json',
    'packages/app/package.json',
    'packages/backend/package.json',
  ]) {
    hash.update(readFileSync(path.join(appDir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

function moveTrees(fromDir, toDir) {
  for (const tree of NODE_MODULES) {
    const from = path.join(fromDir, tree);
    if (!existsSync(from)) continue;
    mkdirSync(path.dirname(path.join(toDir, tree)), { recursive: true });
    rmSync(path.join(toDir, tree), { recursive: true, force: true });
    renameSync(from, path.join(toDir, tree));
  }
}

/**
 * Our packages depend on each other (^0.1.0): those resolve to the tarballs
 * too, never to a registry.
 */
function pinToTarballs(appDir, tarballs) {
  const file = path.join(appDir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  pkg.overrides = { ...pkg.overrides };
  for (const [name, tarball] of tarballs)
    pkg.overrides[name] = `file:${tarball}`;
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** What only this machine's test environment needs on top of the README's config. */
function writeTestConfig(appDir, port) {
  const file = path.join(appDir, 'app-config.install-test.yaml');
  writeFileSync(
    file,
    [
      'backend:',
      `  baseUrl: http://127.0.0.1:${port}`,
      '  listen:',
      `    port: ${port}`,
      '    host: 127.0.0.1',
      'helmOperator:',
      '  helmBinary: ${WOOW_HELM}',
      // the fixture app's chart (a `local:` chart; real apps name a repository)
      `  localChartsDir: ${path.join(repoRoot, 'test-fixtures', 'charts')}`,
      '',
    ].join('\n'),
  );
  return file;
}

async function ensureSqliteLoads(appDir, env) {
  const probe = () =>
    runSync(
      'node',
      ['-e', `new (require('better-sqlite3'))(':memory:').close()`],
      {
        cwd: appDir,
        env,
      },
    ).status === 0;
  if (probe()) return;
  log('rebuilding better-sqlite3 for Node 22 in the fresh app');
  await run(
    'npm',
    ['rebuild', 'better-sqlite3', `--nodedir=${node22Headers}`],
    {
      cwd: appDir,
      env,
    },
  );
  if (!probe())
    throw new Error('better-sqlite3 does not load in the fresh app');
}

function startBackend(appDir, env, configFiles) {
  const child = spawn(
    path.join(appDir, 'node_modules', '.bin', 'backstage-cli'),
    ['package', 'start', ...configFiles.flatMap(f => ['--config', f])],
    {
      cwd: path.join(appDir, 'packages', 'backend'),
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  return {
    isAlive: () => !exited,
    async stop() {
      if (exited) return;
      const gone = new Promise(resolve => child.on('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) process.kill(-child.pid, 'SIGKILL');
      }, 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

export async function runInstallTest(env) {
  mkdirSync(cacheRoot, { recursive: true });
  const work = path.join(
    cacheRoot,
    `run-${process.pid}-${randomBytes(3).toString('hex')}`,
  );
  const appDir = path.join(work, 'app');
  const packs = path.join(work, 'packs');
  mkdirSync(packs, { recursive: true });
  let cacheDir;
  let backend;
  let namespace;
  const clusterEnv = { ...env };
  try {
    // the README's lines first: a mismatch fails before the slow part
    const docs = readInstallDocs();
    checkPluginReadmes(docs, pluginPackageDirs());
    // package builds bundle the declarations tsc writes to dist-types/
    await run('tsc', [], { env });
    const tarballs = await packPluginPackages(packs, env);
    log(`packed ${tarballs.size} packages`);

    await createFreshApp(appDir, env);
    cacheDir = path.join(cacheRoot, `node_modules-${templateKey(appDir)}`);
    for (const name of [...docs.backendPackages, ...docs.frontendPackages]) {
      if (!tarballs.has(name)) {
        throw new Error(
          `README installs ${name}, which is not a package of plugins/`,
        );
      }
    }
    applyInstallDocs(appDir, docs, name => `file:${tarballs.get(name)}`);
    pinToTarballs(appDir, tarballs);
    mkdirSync(path.join(appDir, 'marketplace'));
    copyFileSync(
      // the fixture app is a test entry, kept out of the shipped marketplace/
      path.join(
        repoRoot,
        'test-fixtures',
        'marketplace',
        `${FIXTURE_TEMPLATE}.yaml`,
      ),
      path.join(appDir, 'marketplace', `${FIXTURE_TEMPLATE}.yaml`),
    );

    if (existsSync(cacheDir)) {
      log(`reusing the fresh app's node_modules from ${cacheDir}`);
      moveTrees(cacheDir, appDir);
    }
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund'],
      {
        cwd: appDir,
        env,
      },
    );
    await ensureSqliteLoads(appDir, env);
    // the app with the README's lines type-checks (frontend and backend)
    await run('npx', ['tsc', '--noEmit'], { cwd: appDir, env });

    const { ensureUp, applyEnv } = await import(
      '../../tools/testenv/index.mjs'
    );
    applyEnv((await ensureUp()).env, clusterEnv);
    const backendEnv = {
      ...clusterEnv,
      WOOW_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    const port = await freePort();
    backend = startBackend(appDir, backendEnv, [
      path.join(appDir, 'app-config.yaml'),
      writeTestConfig(appDir, port),
    ]);
    const origin = `http://127.0.0.1:${port}`;
    await waitForPortalHealth(origin, backend.isAlive);
    const runId = randomBytes(3).toString('hex');
    namespace = await deployThroughApi(origin, {
      templateSlug: FIXTURE_TEMPLATE,
      values: { password: randomBytes(12).toString('hex') },
      runId,
    });
  } finally {
    await backend?.stop();
    if (namespace) {
      runSync(
        clusterEnv.WOOW_KUBECTL,
        ['delete', 'namespace', namespace, '--wait=false'],
        { env: clusterEnv },
      );
    }
    if (cacheDir && existsSync(path.join(appDir, 'node_modules'))) {
      moveTrees(appDir, cacheDir);
    }
    rmSync(work, { recursive: true, force: true });
  }
}
