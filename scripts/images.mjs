// `npm run images -- build|run|check [backend|operator]`: the two container
// images (packages/backend, packages/operator), built without Docker and
// without a registry: a Debian base made with mmdebstrap + `podman import`,
// Node 22 and helm 4 copied from the host, production dependencies installed
// on the host from package-lock.json, then `buildah bud`.
//
//   build [name...]   builds what is missing; an image is tagged with a hash
//                     of its inputs, and a build whose tag exists is skipped
//   run <name>        builds, then runs one image in the foreground
//   check             builds both, runs the operator against the test
//                     control plane and the backend on SQLite, and fails
//                     unless both health endpoints answer 200 (npm test's
//                     `images` stage)
//
// Caches: ~/.cache/woow-images (WOOW_IMAGES_CACHE): the base rootfs tarball,
// containers.conf, production dependency tarballs (deps/, reused while the
// lockfile and package.json files are unchanged), build contexts (work/).
// Images live in podman's storage.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { ensureInstalled } from './setup.mjs';
import { ensureAppBuilt } from './start.mjs';
import {
  freePort,
  log,
  node22Bin,
  repoEnv,
  repoRoot,
  run,
  runSync,
} from './lib.mjs';
import {
  TEST_BASE_DOMAIN,
  TEST_TLS_SECRET_NAME,
} from '../tools/testenv/lib/portalConfig.mjs';

export const cacheDir = path.resolve(
  process.env.WOOW_IMAGES_CACHE ??
    path.join(homedir(), '.cache', 'woow-images'),
);

/** Debian base of both images; its hash (and tag) follows this recipe. */
const BASE = {
  suite: 'bookworm',
  mirror: process.env.WOOW_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian',
  include: ['ca-certificates', 'tini'],
  options: [
    '--variant=minbase',
    '--mode=root',
    '--format=tar',
    '--dpkgopt=path-exclude=/usr/share/man/*',
    '--dpkgopt=path-exclude=/usr/share/doc/*',
    '--dpkgopt=path-include=/usr/share/doc/*/copyright',
    '--dpkgopt=path-exclude=/usr/share/locale/*',
    '--dpkgopt=path-exclude=/usr/share/info/*',
    '--customize-hook=rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*',
  ],
};

/** Native addons whose host build (for Node 22) goes into the images. */
const NATIVE_ADDONS = ['better-sqlite3', 'isolated-vm'];

/**
 * The two images. `inputs`: what their content depends on (git-tracked and
 * untracked-not-ignored files under these paths, tests excluded).
 */
/** What the backend reads at runtime, next to its bundle (paths as in the repository). */
const BACKEND_REPO_FILES = [
  'app-config.yaml',
  'app-config.production.yaml',
  'catalog-info.yaml',
  'examples',
  'marketplace',
  'test-fixtures/charts',
  'test-fixtures/marketplace',
];

export const IMAGES = {
  operator: {
    name: 'localhost/woow-operator',
    dir: 'packages/operator',
    port: 7008,
    inputs: [
      'packages/operator',
      'plugins/helm-operator',
      'plugins/woow-cloud-services-common',
    ],
    repoFiles: [],
  },
  backend: {
    name: 'localhost/woow-backend',
    dir: 'packages/backend',
    port: 7007,
    inputs: [
      'packages/backend',
      'packages/app',
      'plugins',
      ...BACKEND_REPO_FILES,
    ],
    repoFiles: [
      ...BACKEND_REPO_FILES,
      'packages/backend/app-config.image.yaml',
    ],
  },
};
const COMMON_INPUTS = [
  'package.json',
  'package-lock.json',
  '.npmrc',
  'scripts/images.mjs',
];

// ------------------------------------------------------------------ helpers

function seconds(since) {
  return Math.round((Date.now() - since) / 1000);
}

function mb(bytes) {
  return `${Math.round(bytes / 1e6)} MB`;
}

/** Environment of podman/buildah: runc and raised ulimits (NOTES.md). */
function containersEnv() {
  const conf = path.join(cacheDir, 'containers.conf');
  const text = [
    '# written by scripts/images.mjs: crun fails here (cgroups in hybrid mode);',
    '# without these limits container starts fail with setrlimit errors',
    '[containers]',
    'default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]',
    '[engine]',
    'runtime = "runc"',
    '',
  ].join('\n');
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(conf) || readFileSync(conf, 'utf8') !== text)
    writeFileSync(conf, text);
  return { ...process.env, CONTAINERS_CONF: conf };
}

function podman(args, options = {}) {
  return run('podman', args, { env: containersEnv(), ...options });
}

function podmanOut(args) {
  const result = runSync('podman', args, { env: containersEnv() });
  if (result.status !== 0)
    throw new Error(`podman ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

function imageExists(ref) {
  return (
    runSync('podman', ['image', 'exists', ref], { env: containersEnv() })
      .status === 0
  );
}

async function lock(what, fn) {
  const { withLock } = await import('../tools/testenv/lib/proc.mjs');
  return withLock(path.join(cacheDir, `.${what}.lock`), `images ${what}`, fn);
}

function which(binary) {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .concat(['/usr/sbin', '/sbin'])
    .some(dir => dir && existsSync(path.join(dir, binary)));
}

/** mmdebstrap, podman, buildah, runc from Debian, as the testenv installs its packages. */
async function ensureTools() {
  const missing = ['mmdebstrap', 'podman', 'buildah', 'runc'].filter(
    b => !which(b),
  );
  if (!missing.length) return;
  const { installDebianPackages } = await import('../tools/testenv/index.mjs');
  await installDebianPackages(missing, { logName: 'apt-images' });
}

/** Files under `paths` that git would see (tracked + untracked, not ignored). */
function inputFiles(paths) {
  const result = runSync('git', [
    'ls-files',
    '-z',
    '-co',
    '--exclude-standard',
    '--',
    ...paths,
  ]);
  if (result.status !== 0)
    throw new Error(`git ls-files failed: ${result.stderr}`);
  return [...new Set(result.stdout.split('\0').filter(Boolean))]
    .filter(
      f =>
        !/(\.test\.[cm]?[jt]sx?$|\/__testUtils__\/|\/setupTests\.ts$|\/README\.md$)/.test(
          f,
        ) &&
        existsSync(path.join(repoRoot, f)) &&
        statSync(path.join(repoRoot, f)).isFile(),
    )
    .sort();
}

function hashOf(parts, files = []) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part}\0`);
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(repoRoot, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

function baseTag() {
  return `localhost/woow-base:${hashOf([JSON.stringify(BASE)])}`;
}

async function helmBinary() {
  const { build, binaries, VERSIONS } = await import(
    '../tools/testenv/index.mjs'
  );
  const helm = binaries().helm4;
  if (!existsSync(helm)) {
    log('building the test environment binaries (helm 4 among them; cached)');
    await build();
  }
  return { helm, version: VERSIONS.helm4 };
}

function nodeVersion() {
  return runSync(node22Bin, ['--version']).stdout.trim();
}

/** The image reference (name:hash) for the current inputs. */
export async function imageRef(key) {
  const image = IMAGES[key];
  const { version: helmVersion } = await helmBinary();
  const tag = hashOf(
    [key, baseTag(), nodeVersion(), helmVersion],
    inputFiles([...COMMON_INPUTS, ...image.inputs]),
  );
  return `${image.name}:${tag}`;
}

// --------------------------------------------------------------- base image

async function ensureBase() {
  const tag = baseTag();
  if (imageExists(tag)) return tag;
  await lock('base', async () => {
    if (imageExists(tag)) return;
    const tarball = path.join(cacheDir, `${tag.split(':')[1]}-rootfs.tar`);
    if (!existsSync(tarball)) {
      const started = Date.now();
      log(
        `creating the Debian ${BASE.suite} minbase rootfs with mmdebstrap (cached in ${cacheDir})`,
      );
      const partial = `${tarball}.${process.pid}.tmp`;
      await run(
        'mmdebstrap',
        [
          ...BASE.options,
          `--include=${BASE.include.join(',')}`,
          BASE.suite,
          partial,
          BASE.mirror,
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      ).catch(error => {
        rmSync(partial, { force: true });
        throw error;
      });
      renameSync(partial, tarball);
      log(
        `rootfs ready in ${seconds(started)} s (${mb(statSync(tarball).size)})`,
      );
    }
    await podman(['import', '--quiet', tarball, tag], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await podman(['tag', tag, 'localhost/woow-base:latest']);
  });
  return tag;
}

// ----------------------------------------------------------- host artifacts

/**
 * `backstage-cli package build` of a backend package: dist/bundle.tar.gz and
 * dist/skeleton.tar.gz. The CLI copies a yarn.lock into its dist workspace
 * (an empty one is enough) and runs `yarn run build` for the app: a shim
 * `yarn` on the PATH hands that to ensureAppBuilt (cached by hash).
 */
async function buildBundle(dir, { skipDependencies }) {
  const yarnLock = path.join(repoRoot, 'yarn.lock');
  const createdLock = !existsSync(yarnLock);
  const shimDir = mkdtempSync(path.join(tmpdir(), 'woow-yarn-shim-'));
  writeFileSync(
    path.join(shimDir, 'yarn'),
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(
      repoRoot,
      'scripts',
      'images.mjs',
    )}" yarn-shim "$@"\n`,
  );
  chmodSync(path.join(shimDir, 'yarn'), 0o755);
  // Interrupted (Ctrl-C, a stopped CI job): leave no yarn.lock behind.
  const onSignal = signal => {
    if (createdLock) rmSync(yarnLock, { force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (createdLock) writeFileSync(yarnLock, '');
    const env = repoEnv();
    env.PATH = [shimDir, env.PATH].join(path.delimiter);
    await run(
      'backstage-cli',
      [
        'package',
        'build',
        ...(skipDependencies ? ['--skip-build-dependencies'] : []),
      ],
      { cwd: path.join(repoRoot, dir), env },
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (createdLock) rmSync(yarnLock, { force: true });
    rmSync(shimDir, { recursive: true, force: true });
  }
}

/** What the yarn shim does: only `yarn run build` in the app is expected. */
async function yarnShim(args) {
  if (args[0] === 'run' && args[1] === 'build') {
    if (
      path.resolve(process.cwd()) === path.join(repoRoot, 'packages', 'app')
    ) {
      await ensureAppBuilt();
      return;
    }
    await run('npm', ['run', 'build', '--', ...args.slice(2)], {
      cwd: process.cwd(),
    });
    return;
  }
  throw new Error(
    `yarn shim (scripts/images.mjs): unsupported: yarn ${args.join(' ')}`,
  );
}

function findAddonDirs(root, addon) {
  const found = [];
  const visit = dir => {
    const nm = path.join(dir, 'node_modules');
    if (!existsSync(nm)) return;
    for (const entry of readdirSync(nm)) {
      const scoped = entry.startsWith('@')
        ? readdirSync(path.join(nm, entry)).map(e => path.join(entry, e))
        : [entry];
      for (const name of scoped) {
        const pkgDir = path.join(nm, name);
        if (name === addon) found.push(pkgDir);
        visit(pkgDir);
      }
    }
  };
  visit(root);
  return found;
}

/**
 * Production node_modules for a bundle: the skeleton's package.json files,
 * the root package.json without dev/optional dependencies (the Node 22
 * headers), package-lock.json, `npm install --omit=dev --ignore-scripts`
 * (from the npm cache when it can), then the host's Node 22 builds of the
 * native addons, as a tarball cached in ~/.cache/woow-images/deps.
 */
async function stageDependencies(key) {
  const image = IMAGES[key];
  const work = path.join(cacheDir, 'work', key);
  const app = path.join(work, 'app');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  await run('tar', [
    'xzf',
    path.join(repoRoot, image.dir, 'dist', 'skeleton.tar.gz'),
    '-C',
    app,
  ]);

  // Cached by what decides the tree: the skeleton's package.json files, the
  // lockfile, Node and the host's addon builds. A change of code alone reuses
  // the tarball (no npm install).
  const depsHash = createHash('sha256');
  const visit = dir => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else
        depsHash
          .update(`${path.relative(app, full)}\0`)
          .update(readFileSync(full));
    }
  };
  visit(app);
  for (const file of [
    'package.json',
    'package-lock.json',
    'scripts/images.mjs',
  ])
    depsHash.update(readFileSync(path.join(repoRoot, file)));
  depsHash.update(nodeVersion());
  for (const addon of NATIVE_ADDONS) {
    const node = path.join(repoRoot, 'node_modules', addon, 'build', 'Release');
    if (!existsSync(node)) continue;
    for (const f of readdirSync(node)
      .filter(f => f.endsWith('.node'))
      .sort())
      depsHash.update(readFileSync(path.join(node, f)));
  }
  const depsDir = path.join(cacheDir, 'deps');
  const tarball = path.join(
    depsDir,
    `${key}-${depsHash.digest('hex').slice(0, 16)}.tar`,
  );
  if (existsSync(tarball)) {
    log(
      `${key}: production dependencies unchanged (${path.basename(tarball)})`,
    );
    return tarball;
  }

  const rootPkg = JSON.parse(
    readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  );
  delete rootPkg.devDependencies;
  delete rootPkg.optionalDependencies;
  delete rootPkg.scripts;
  writeFileSync(
    path.join(app, 'package.json'),
    `${JSON.stringify(rootPkg, null, 2)}\n`,
  );
  copyFileSync(
    path.join(repoRoot, 'package-lock.json'),
    path.join(app, 'package-lock.json'),
  );
  // No .npmrc: the repo's legacy-peer-deps (for the frontend's Material UI
  // peers, left out here) would also leave out peers the backend loads, such
  // as keyv for @keyv/redis (found by the image check: "Cannot find module").

  // The backend serves the app's prebuilt dist; its React/MUI dependencies
  // are never loaded on the server.
  const appPkgFile = path.join(app, 'packages', 'app', 'package.json');
  if (existsSync(appPkgFile)) {
    const appPkg = JSON.parse(readFileSync(appPkgFile, 'utf8'));
    appPkg.dependencies = {};
    delete appPkg.devDependencies;
    writeFileSync(appPkgFile, `${JSON.stringify(appPkg, null, 2)}\n`);
  }

  const started = Date.now();
  log(`${key}: npm install --omit=dev (production dependencies)`);
  await run(
    'npm',
    [
      'install',
      '--omit=dev',
      '--ignore-scripts',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '--legacy-peer-deps=false',
    ],
    { cwd: app, env: repoEnv() },
  );

  for (const addon of NATIVE_ADDONS) {
    const hostDir = path.join(repoRoot, 'node_modules', addon);
    for (const dir of findAddonDirs(app, addon)) {
      const version = JSON.parse(
        readFileSync(path.join(dir, 'package.json'), 'utf8'),
      ).version;
      const hostVersion = existsSync(hostDir)
        ? JSON.parse(readFileSync(path.join(hostDir, 'package.json'), 'utf8'))
            .version
        : undefined;
      if (
        version === hostVersion &&
        existsSync(path.join(hostDir, 'build', 'Release'))
      ) {
        // the host's build for Node 22 (scripts/setup.mjs checks that it loads)
        mkdirSync(path.join(dir, 'build'), { recursive: true });
        cpSync(
          path.join(hostDir, 'build', 'Release'),
          path.join(dir, 'build', 'Release'),
          {
            recursive: true,
            filter: src => !/\/(obj\.target|\.deps)(\/|$)/.test(src),
          },
        );
      } else {
        log(
          `${key}: building ${addon}@${version} for Node 22 (the host has ${
            hostVersion ?? 'none'
          })`,
        );
        await run(
          'npm',
          ['rebuild', addon, `--nodedir=${repoEnv().npm_config_nodedir}`],
          {
            cwd: app,
            env: repoEnv(),
          },
        );
      }
    }
  }
  // Pruned here rather than in a layer: source maps, test folders, the
  // SQLite sources of better-sqlite3 (its binding is built).
  const modules = path.join(app, 'node_modules');
  await run('find', [
    modules,
    '-name',
    '__tests__',
    '-type',
    'd',
    '-prune',
    '-exec',
    'rm',
    '-rf',
    '{}',
    '+',
  ]);
  await run('find', [modules, '-name', '*.map', '-type', 'f', '-delete']);
  for (const dir of findAddonDirs(app, 'better-sqlite3'))
    for (const sub of ['deps', 'src'])
      rmSync(path.join(dir, sub), { recursive: true, force: true });
  mkdirSync(depsDir, { recursive: true });
  for (const old of readdirSync(depsDir).filter(f => f.startsWith(`${key}-`)))
    rmSync(path.join(depsDir, old), { force: true });
  // root-owned in the image: the runtime user cannot change the code
  await run('tar', [
    'cf',
    `${tarball}.tmp`,
    '--owner=0',
    '--group=0',
    '-C',
    app,
    '.',
  ]);
  renameSync(`${tarball}.tmp`, tarball);
  rmSync(app, { recursive: true, force: true });
  log(`${key}: production dependencies in ${seconds(started)} s`);
  return tarball;
}

/** Hard link when on the same file system, else copy. */
function linkOrCopy(from, to) {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** The build context: node, helm, app.tar, bundle.tar.gz, repo/. */
async function buildContext(key, depsTarball) {
  const image = IMAGES[key];
  const context = path.join(cacheDir, 'work', key, 'context');
  mkdirSync(context, { recursive: true });
  const { helm } = await helmBinary();
  linkOrCopy(node22Bin, path.join(context, 'node'));
  linkOrCopy(helm, path.join(context, 'helm'));
  linkOrCopy(depsTarball, path.join(context, 'app.tar'));
  copyFileSync(
    path.join(repoRoot, image.dir, 'dist', 'bundle.tar.gz'),
    path.join(context, 'bundle.tar.gz'),
  );
  mkdirSync(path.join(context, 'repo'), { recursive: true });
  for (const file of image.repoFiles) {
    const target = path.join(context, 'repo', file);
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(path.join(repoRoot, file), target, { recursive: true });
  }
  return context;
}

// -------------------------------------------------------------------- build

function imageSize(ref) {
  return Number(podmanOut(['image', 'inspect', '--format', '{{.Size}}', ref]));
}

/** Removes this image's tags other than `keep` (older input hashes). */
function removeOldTags(key, keep) {
  const image = IMAGES[key];
  const refs = podmanOut([
    'images',
    '--format',
    '{{.Repository}}:{{.Tag}}',
    '--filter',
    `reference=${image.name}`,
  ])
    .split('\n')
    .filter(ref => ref && ref !== keep && ref !== `${image.name}:latest`);
  for (const ref of refs)
    runSync('podman', ['rmi', ref], { env: containersEnv() });
}

/**
 * Builds the images (both by default) whose input hash has no image yet.
 * Returns [{ key, ref, cached, seconds, size }].
 */
export async function buildImages(keys = ['backend', 'operator']) {
  await ensureInstalled({ quiet: true });
  await ensureTools();
  await helmBinary();
  const base = await ensureBase();
  return lock('build', async () => {
    const results = [];
    const todo = [];
    for (const key of keys) {
      const ref = await imageRef(key);
      if (imageExists(ref)) {
        log(`${key}: ${ref} exists (inputs unchanged): skipping the build`);
        results.push({
          key,
          ref,
          cached: true,
          seconds: 0,
          size: imageSize(ref),
        });
      } else todo.push({ key, ref });
    }
    // The backend's packages include the operator's: when both are built,
    // building the backend's dependencies once serves both.
    todo.sort((a, b) =>
      a.key === 'backend' ? -1 : b.key === 'backend' ? 1 : 0,
    );
    let dependenciesBuilt = false;
    for (const { key, ref } of todo) {
      const started = Date.now();
      log(`${key}: building ${ref}`);
      await buildBundle(IMAGES[key].dir, {
        skipDependencies: dependenciesBuilt,
      });
      dependenciesBuilt = true;
      const deps = await stageDependencies(key);
      const context = await buildContext(key, deps);
      const budStarted = Date.now();
      await run(
        'buildah',
        [
          'bud',
          '--pull=never',
          '--layers=false',
          '--quiet',
          '--build-arg',
          `BASE_IMAGE=${base}`,
          '-f',
          path.join(repoRoot, IMAGES[key].dir, 'Dockerfile'),
          '-t',
          ref,
          '-t',
          `${IMAGES[key].name}:latest`,
          context,
        ],
        { env: containersEnv() },
      );
      log(`${key}: buildah bud in ${seconds(budStarted)} s`);
      removeOldTags(key, ref);
      const result = {
        key,
        ref,
        cached: false,
        seconds: seconds(started),
        size: imageSize(ref),
      };
      log(`${key}: built ${ref} in ${result.seconds} s (${mb(result.size)})`);
      results.push(result);
    }
    return results;
  });
}

// ---------------------------------------------------------------- run/check

/**
 * The test environment's kubeconfig, flattened (its CA is a file path on the
 * host) into a file the container user (uid 1000) can read.
 */
async function containerKubeconfig(kubeconfig, dir) {
  const { binaries } = await import('../tools/testenv/index.mjs');
  const result = runSync(binaries().kubectl, [
    'config',
    'view',
    '--flatten',
    '--minify',
    '--raw',
    `--kubeconfig=${kubeconfig}`,
  ]);
  if (result.status !== 0)
    throw new Error(`kubectl config view failed: ${result.stderr}`);
  const file = path.join(dir, 'kubeconfig');
  writeFileSync(file, result.stdout, { mode: 0o644 });
  chmodSync(file, 0o644);
  return file;
}

/**
 * podman arguments of the operator container: host network (the test
 * control plane listens on the host's loopback only), its API key and
 * port, the settings without defaults (packages/operator/app-config.yaml;
 * `requiredEnv`: values, or names passed through from this shell) and the
 * kubeconfig.
 */
function operatorContainerArgs({ port, apiKey, kubeconfig, requiredEnv }) {
  return [
    '--network=host',
    '-e',
    `OPERATOR_API_KEY=${apiKey}`,
    '-e',
    'OPERATOR_LISTEN_HOST=127.0.0.1',
    '-e',
    `OPERATOR_PORT=${port}`,
    '-e',
    `OPERATOR_BASE_URL=http://127.0.0.1:${port}`,
    ...requiredEnv.flatMap(entry => ['-e', entry]),
    '-e',
    'KUBECONFIG=/etc/woow/kubeconfig',
    '-v',
    `${kubeconfig}:/etc/woow/kubeconfig:ro`,
  ];
}

/** podman run arguments of each image for the check (and `run`). */
async function runArgs(key, { ref, port, kubeconfig, apiKey, name }) {
  if (key === 'operator') {
    return [
      'run',
      '-d',
      '--name',
      name,
      ...operatorContainerArgs({
        port,
        apiKey,
        kubeconfig,
        // The tests' values (tools/testenv/lib/portalConfig.mjs).
        requiredEnv: [
          `WOOW_BASE_DOMAIN=${TEST_BASE_DOMAIN}`,
          `WOOW_TLS_SECRET_NAME=${TEST_TLS_SECRET_NAME}`,
        ],
      }),
      ref,
    ];
  }
  // The backend on its own network with a published port; SQLite in the
  // image's /data; no cluster reachable from there (the operator check above
  // covers the cluster), so it must start without one.
  return [
    'run',
    '-d',
    '--name',
    name,
    '-p',
    `127.0.0.1:${port}:7007`,
    '-e',
    'WOOW_REQUIRE_CLUSTER=false',
    '-e',
    `WOOW_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`,
    '-e',
    `APP_BASE_URL=http://127.0.0.1:${port}`,
    ref,
  ];
}

/** Polls url until it answers; returns { status, body }. No time limit: a dead container fails it. */
async function waitForHttp(url, { containerName, headers = {} }) {
  for (;;) {
    try {
      const res = await fetch(url, { headers });
      const body = await res.text();
      if (res.status !== 503 || !body) return { status: res.status, body };
      // 503: Backstage's readiness while plugins start; keep polling
    } catch {
      // not listening yet
    }
    const state = podmanOut([
      'inspect',
      '--format',
      '{{.State.Status}}',
      containerName,
    ]);
    if (state !== 'running') {
      const logs = runSync('podman', ['logs', '--tail', '40', containerName], {
        env: containersEnv(),
      });
      throw new Error(
        `container ${containerName} is ${state} before ${url} answered:\n${logs.stdout}${logs.stderr}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

function removeContainer(name) {
  runSync('podman', ['rm', '-f', '-t', '5', name], { env: containersEnv() });
}

/**
 * npm test's `images` stage: builds both images, starts them, checks their
 * health endpoints, removes the containers. `kubeconfig`: the test control
 * plane's (started when not given).
 */
export async function checkImages({ kubeconfig } = {}) {
  const started = Date.now();
  const built = await buildImages();
  if (!kubeconfig) {
    const { ensureUp } = await import('../tools/testenv/index.mjs');
    kubeconfig = (await ensureUp()).env.KUBECONFIG;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'woow-images-check-'));
  const suffix = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const containers = [];
  const failures = [];
  try {
    const kc = await containerKubeconfig(kubeconfig, dir);
    const apiKey = randomBytes(24).toString('hex');
    const checks = {
      operator: {
        path: '/api/helm-operator/health',
        headers: { authorization: `Bearer ${apiKey}` },
        verify: body => {
          const health = JSON.parse(body);
          if (health.status !== 'ok' || !health.cluster?.reachable)
            return `operator health is ${
              health.status
            } (cluster ${JSON.stringify(health.cluster)})`;
          if (health.helm?.major !== 4)
            return `helm ${health.helm?.version} in the image, not helm 4`;
          return null;
        },
      },
      backend: {
        path: '/.backstage/health/v1/readiness',
        headers: {},
        verify: () => null,
      },
    };
    for (const { key, ref } of built) {
      const name = `woow-check-${key}-${suffix}`;
      const port = await freePort();
      const runStarted = Date.now();
      await podman(
        await runArgs(key, { ref, port, kubeconfig: kc, apiKey, name }),
        {
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      containers.push(name);
      // Backstage answers 503 on readiness until every plugin started (routes
      // of a plugin still starting answer 404): wait for it, then ask.
      const origin = `http://127.0.0.1:${port}`;
      await waitForHttp(`${origin}/.backstage/health/v1/readiness`, {
        containerName: name,
      });
      const url = `${origin}${checks[key].path}`;
      const res = await fetch(url, { headers: checks[key].headers });
      const status = res.status;
      const body = await res.text();
      const problem =
        status !== 200
          ? `HTTP ${status}: ${body.slice(0, 300)}`
          : checks[key].verify(body);
      if (problem) failures.push(`${key}: ${url}: ${problem}`);
      log(
        `${key}: ${url} -> ${status} ${body.slice(0, 160)} (${seconds(
          runStarted,
        )} s after start)`,
      );
      if (problem) {
        const logs = runSync('podman', ['logs', '--tail', '30', name], {
          env: containersEnv(),
        });
        process.stdout.write(logs.stdout + logs.stderr);
      }
    }
  } finally {
    for (const name of containers) removeContainer(name);
    rmSync(dir, { recursive: true, force: true });
  }
  for (const r of built)
    log(
      `image ${r.ref}: ${mb(r.size)}, ${
        r.cached ? 'cached (build skipped)' : `built in ${r.seconds} s`
      }`,
    );
  log(`images check took ${seconds(started)} s`);
  if (failures.length)
    throw new Error(`image health checks failed:\n  ${failures.join('\n  ')}`);
}

/** `run <name>`: one image in the foreground, on 127.0.0.1 (Ctrl-C stops it). */
async function runImage(key, extraArgs) {
  const [result] = await buildImages([key]);
  const port = Number(process.env.PORT ?? IMAGES[key].port);
  const args = ['run', '--rm', '-it'];
  if (key === 'operator') {
    const kubeconfig =
      process.env.KUBECONFIG ?? path.join(homedir(), '.kube', 'config');
    const dir = mkdtempSync(path.join(tmpdir(), 'woow-images-run-'));
    const kc = await containerKubeconfig(kubeconfig, dir);
    const apiKey =
      process.env.OPERATOR_API_KEY ?? randomBytes(24).toString('hex');
    log(`operator API key: ${apiKey}`);
    args.push(
      ...operatorContainerArgs({
        port,
        apiKey,
        kubeconfig: kc,
        // Passed through from this shell (unset: the operator stops at
        // startup naming the key).
        requiredEnv: ['WOOW_BASE_DOMAIN', 'WOOW_TLS_SECRET_NAME'],
      }),
    );
  } else {
    args.push(
      '-p',
      `127.0.0.1:${port}:7007`,
      '-e',
      `APP_BASE_URL=http://127.0.0.1:${port}`,
      '-e',
      'WOOW_REQUIRE_CLUSTER=false',
      '-v',
      'woow-backend-data:/data',
    );
    if (!process.env.WOOW_ENCRYPTION_KEY)
      throw new Error(
        'set WOOW_ENCRYPTION_KEY (openssl rand -base64 32; keep it: it encrypts the stored secrets)',
      );
    args.push('-e', `WOOW_ENCRYPTION_KEY=${process.env.WOOW_ENCRYPTION_KEY}`);
  }
  log(`${key}: http://127.0.0.1:${port}`);
  const child = spawn('podman', [...args, ...extraArgs, result.ref], {
    stdio: 'inherit',
    env: containersEnv(),
  });
  await new Promise(resolve => child.on('exit', resolve));
}

async function main() {
  const [command = 'build', ...rest] = process.argv.slice(2);
  if (command === 'yarn-shim') return yarnShim(rest);
  const keys = rest.filter(a => !a.startsWith('-'));
  for (const key of keys)
    if (!IMAGES[key])
      throw new Error(`unknown image ${key} (backend, operator)`);
  if (command === 'build') {
    const results = await buildImages(keys.length ? keys : undefined);
    for (const r of results)
      log(
        `${r.ref}: ${mb(r.size)}, ${
          r.cached ? 'cached' : `built in ${r.seconds} s`
        }`,
      );
  } else if (command === 'check') {
    await checkImages({ kubeconfig: process.env.WOOW_IMAGES_KUBECONFIG });
  } else if (command === 'run') {
    if (keys.length !== 1)
      throw new Error(
        'usage: npm run images -- run backend|operator [podman run options]',
      );
    await runImage(
      keys[0],
      rest.filter(a => a.startsWith('-')),
    );
  } else {
    throw new Error(`unknown command ${command}: build|run|check`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch(error => {
    console.error(`\nimages failed: ${error.message}`);
    process.exit(1);
  });
}
