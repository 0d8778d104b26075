// `npm start`: install what is missing, build the frontend when its sources
// changed, start a sandbox cluster when no kubeconfig is given, then start the
// backend, which serves the built app and every API on one port.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { ensureInstalled } from './setup.mjs';
import { hashPaths, log, repoEnv, repoRoot, run } from './lib.mjs';
import { spawn, spawnSync } from 'node:child_process';

const appDist = path.join(repoRoot, 'packages', 'app', 'dist');
const buildStamp = path.join(appDist, '.woow-build-hash');

/** Builds packages/app when any frontend source or dependency changed. */
export async function ensureAppBuilt() {
  const wanted = hashPaths([
    'package-lock.json',
    'packages/app',
    'plugins/woow-cloud-services/src',
    'plugins/woow-cloud-services/package.json',
    'plugins/woow-cloud-services-common/src',
  ]);
  const have = existsSync(buildStamp) ? readFileSync(buildStamp, 'utf8') : '';
  if (have === wanted && existsSync(path.join(appDist, 'index.html'))) {
    log('frontend bundle is up to date (skipping build)');
    return;
  }
  log('building the frontend bundle (about a minute)');
  const started = Date.now();
  await run('npm', ['run', 'build', '-w', 'app']);
  mkdirSync(appDist, { recursive: true });
  writeFileSync(buildStamp, wanted);
  log(`frontend built in ${Math.round((Date.now() - started) / 1000)} s`);
}

function onPath(binary) {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some(dir => dir && existsSync(path.join(dir, binary)));
}

/**
 * The user's cluster when there is one (KUBECONFIG, ~/.kube/config or an
 * in-cluster service account); otherwise a local sandbox control plane.
 * Returns the environment the backend needs: KUBECONFIG, HELM_BINARY and,
 * with the sandbox, its Prometheus.
 */
export async function clusterEnv() {
  const testenv = () => import('../tools/testenv/index.mjs');
  const userKubeconfig =
    process.env.KUBECONFIG ?? path.join(homedir(), '.kube', 'config');
  const inCluster = Boolean(process.env.KUBERNETES_SERVICE_HOST);
  if (existsSync(userKubeconfig) || inCluster) {
    log(
      inCluster
        ? 'using the in-cluster service account (no sandbox started)'
        : `using your cluster from ${userKubeconfig} (no sandbox started)`,
    );
    const env = inCluster ? {} : { KUBECONFIG: userKubeconfig };
    if (!process.env.HELM_BINARY && !onPath('helm')) {
      log(
        'no helm on the PATH: building the pinned helm 4 (cached after the first run)',
      );
      const { build, binaries } = await testenv();
      await build();
      env.HELM_BINARY = binaries().helm4;
    }
    return env;
  }
  log(
    'no KUBECONFIG found: starting the LOCAL SANDBOX cluster (etcd, kube-apiserver, ' +
      'kwok fake nodes, PostgreSQL, Prometheus) — the first run builds it from source ' +
      'and takes several minutes; later runs reuse it',
  );
  const { ensureUp } = await testenv();
  const { env } = await ensureUp();
  log(`sandbox cluster ready (kubeconfig ${env.KUBECONFIG})`);
  return {
    KUBECONFIG: env.KUBECONFIG,
    HELM_BINARY: process.env.HELM_BINARY ?? env.WOOW_HELM4,
    WOOW_PROMETHEUS_URL:
      process.env.WOOW_PROMETHEUS_URL ?? env.WOOW_PROMETHEUS_URL,
  };
}

/**
 * Where the embedded portal keeps its data (SQLite files, one per plugin):
 * WOOW_DATA_DIR, else .data/ at the repository root (git-ignored).
 */
export function dataDir() {
  return path.resolve(
    process.env.WOOW_DATA_DIR ?? path.join(repoRoot, '.data'),
  );
}

function userHasCluster() {
  const userKubeconfig =
    process.env.KUBECONFIG ?? path.join(homedir(), '.kube', 'config');
  return (
    existsSync(userKubeconfig) || Boolean(process.env.KUBERNETES_SERVICE_HOST)
  );
}

/**
 * `npm start -- --reset`: after a confirmation (or `--yes`), removes the data
 * directory and, when the portal runs on the local sandbox, stops the sandbox
 * cluster and removes its state. A cluster of your own is never touched.
 */
async function reset(args) {
  const dir = dataDir();
  const sandbox = !userHasCluster();
  const what = [
    `the portal's data in ${dir} (every workspace, member, service, event and revision)`,
    ...(sandbox
      ? ['the local sandbox cluster and everything deployed in it']
      : []),
  ];
  log(`--reset deletes ${what.join(' and ')}.`);
  if (!args.includes('--yes')) {
    if (!process.stdin.isTTY) {
      throw new Error(
        'refusing to reset without a terminal to confirm; run `npm start -- --reset --yes`',
      );
    }
    const rl = createInterface({
      input: process.stdin,
      output: process.stdout,
    });
    const answer = await rl.question('Type "reset" to confirm: ');
    rl.close();
    if (answer.trim() !== 'reset')
      throw new Error('reset cancelled: nothing was deleted');
  }
  rmSync(dir, { recursive: true, force: true });
  if (sandbox) {
    const { down } = await import('../tools/testenv/index.mjs');
    await down();
  }
  log('reset done: starting clean');
}

/** The process ids under pid (children, their children, ...), from ps. */
function descendantsOf(pid) {
  const { stdout } = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], {
    encoding: 'utf8',
  });
  return (stdout ?? '')
    .split('\n')
    .map(line => Number(line.trim()))
    .filter(Boolean)
    .flatMap(child => [child, ...descendantsOf(child)]);
}

async function waitForReady(url) {
  for (;;) {
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

async function main() {
  const args = process.argv.slice(2);
  await ensureInstalled();
  if (args.includes('--reset')) await reset(args);
  await ensureAppBuilt();
  const extraEnv = await clusterEnv();
  const data = dataDir();
  mkdirSync(data, { recursive: true });
  log(
    process.env.WOOW_CONFIG
      ? `data directory ${data}; the database is the one WOOW_CONFIG (${process.env.WOOW_CONFIG}) names`
      : `portal data (SQLite) in ${data}; \`npm start -- --reset\` starts clean`,
  );

  const configs = (process.env.WOOW_CONFIG ?? 'app-config.yaml')
    .split(',')
    .flatMap(file => ['--config', path.resolve(repoRoot, file)]);
  log('starting the backend');
  const backend = spawn(
    'npx',
    ['backstage-cli', 'package', 'start', ...configs],
    {
      cwd: path.join(repoRoot, 'packages', 'backend'),
      stdio: 'inherit',
      env: repoEnv({
        ...extraEnv,
        WOOW_DATA_DIR: data,
        NODE_ENV: 'development',
      }),
    },
  );
  // npx does not pass signals on, nor does backstage-cli: stop the whole
  // tree, deepest first, so that no backend is left listening when the
  // portal is stopped with SIGTERM (a process manager, `timeout`, a test).
  const stop = () => {
    for (const pid of [backend.pid, ...descendantsOf(backend.pid)].reverse()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  backend.on('exit', code => process.exit(code ?? 1));

  const url = process.env.WOOW_URL ?? 'http://127.0.0.1:7007';
  await waitForReady(url);
  log(`Woow Cloud Services portal is ready: ${url}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch(error => {
    console.error(`\nstart failed: ${error.message}`);
    process.exit(1);
  });
}
