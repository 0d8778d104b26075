// A fresh Backstage app made the way this repository was made (its first
// commit): @backstage/create-app 0.9.2, converted from yarn to npm workspaces,
// @backstage/* versions aligned on the release set this repository locks.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../lib.mjs';

export const CREATE_APP_VERSION = '0.9.2';
const APP_NAME = 'fresh-app';

const readJson = file => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/**
 * create-app checks `yarn -v` before it writes its template (it installs
 * nothing with --skip-install); this app is installed with npm, so a `yarn`
 * that answers the version question and refuses anything else stands in.
 */
function yarnVersionShim(dir) {
  const bin = path.join(dir, 'yarn');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    bin,
    [
      '#!/bin/sh',
      'if [ "$1" = "-v" ] || [ "$1" = "--version" ]; then echo 4.13.0; exit 0; fi',
      'echo "this app is installed with npm workspaces, not yarn" >&2',
      'exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(bin, 0o755);
  return dir;
}

/** The versions this repository's package-lock.json resolved, by package name. */
function lockedVersions() {
  const lock = readJson(path.join(repoRoot, 'package-lock.json'));
  const versions = new Map();
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    const name = key.match(/^node_modules\/(@backstage\/[^/]+)$/)?.[1];
    if (name && entry.version) versions.set(name, entry.version);
  }
  return versions;
}

function appPackageFiles(appDir) {
  return [
    path.join(appDir, 'package.json'),
    path.join(appDir, 'packages', 'app', 'package.json'),
    path.join(appDir, 'packages', 'backend', 'package.json'),
  ];
}

/** yarn -> npm workspaces, as the first commit of this repository did. */
function convertToNpm(appDir) {
  for (const yarnFile of ['yarn.lock', '.yarnrc.yml', '.yarn']) {
    rmSync(path.join(appDir, yarnFile), { recursive: true, force: true });
  }
  writeFileSync(path.join(appDir, '.npmrc'), 'legacy-peer-deps=true\n');
  const locked = lockedVersions();
  for (const file of appPackageFiles(appDir)) {
    const pkg = readJson(file);
    delete pkg.packageManager;
    if (pkg.resolutions) {
      pkg.overrides = pkg.resolutions;
      delete pkg.resolutions;
    }
    for (const field of ['dependencies', 'devDependencies']) {
      for (const [name, range] of Object.entries(pkg[field] ?? {})) {
        // yarn's link: protocol; npm links workspaces by name
        if (range.startsWith('link:')) pkg[field][name] = '*';
        // one release set: the one this repository's lock file resolved
        else if (locked.has(name)) pkg[field][name] = `^${locked.get(name)}`;
      }
    }
    for (const [name, script] of Object.entries(pkg.scripts ?? {})) {
      pkg.scripts[name] = script.replace(
        /yarn workspace (\S+) /,
        'npm run --workspace $1 ',
      );
    }
    writeJson(file, pkg);
  }
}

function answerAndRun(command, args, options, answer) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...options,
      stdio: ['pipe', 'inherit', 'inherit'],
    });
    child.stdin.end(answer);
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve()
        : reject(
            new Error(`${command} ${args.join(' ')} failed (exit ${code})`),
          ),
    );
  });
}

/** Creates the app in `appDir` (which must not exist) and converts it. */
export async function createFreshApp(appDir, env) {
  const shimDir = yarnVersionShim(path.join(path.dirname(appDir), 'yarn-shim'));
  await answerAndRun(
    'npx',
    [
      '--yes',
      '--prefer-offline',
      `@backstage/create-app@${CREATE_APP_VERSION}`,
      '--skip-install',
      '--path',
      appDir,
    ],
    {
      cwd: path.dirname(appDir),
      env: { ...env, PATH: `${shimDir}${path.delimiter}${env.PATH}` },
    },
    // create-app asks for the app's name
    `${APP_NAME}\n`,
  );
  if (
    !existsSync(path.join(appDir, 'packages', 'backend', 'src', 'index.ts'))
  ) {
    throw new Error(`create-app did not write an app in ${appDir}`);
  }
  convertToNpm(appDir);
}
