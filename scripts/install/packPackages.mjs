// The plugin packages as they would be published: built, then `npm pack`ed
// (which runs their prepack: backstage-cli points main/types/exports at dist).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, run, workspaceDirs } from '../lib.mjs';

/** Every publishable package: the plugins/ workspaces. */
export function pluginPackageDirs() {
  return workspaceDirs().filter(dir => dir.startsWith('plugins/'));
}

/**
 * Builds and packs every plugin package into `outDir`; returns a map from
 * package name to its tarball's absolute path. Root `tsc` must have run
 * (package builds bundle its declarations from dist-types/).
 */
export async function packPluginPackages(outDir, env) {
  const tarballs = new Map();
  for (const dir of pluginPackageDirs()) {
    const cwd = path.join(repoRoot, dir);
    const { name, version } = JSON.parse(
      readFileSync(path.join(cwd, 'package.json'), 'utf8'),
    );
    await run('backstage-cli', ['package', 'build'], { env, cwd });
    const before = new Set(readdirSync(outDir));
    await run(
      'npm',
      ['pack', '--loglevel=warn', '--pack-destination', outDir],
      {
        env,
        cwd,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const made = readdirSync(outDir).filter(f => !before.has(f));
    if (made.length !== 1 || !made[0].includes(version)) {
      throw new Error(
        `npm pack of ${name} made ${made.join(', ') || 'nothing'}`,
      );
    }
    tarballs.set(name, path.join(outDir, made[0]));
  }
  return tarballs;
}
