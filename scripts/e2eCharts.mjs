// The local charts the operator apart serves in the browser tests: the
// project's own charts (test-fixtures/charts) and the real public charts of
// the marketplace (the local Helm repository of ../shared/charts, or
// WOOW_MARKETPLACE_CHARTS), linked side by side into one directory, so that a
// spec can deploy the real PostgreSQL through a `local:` template.

import {
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';
import { log, repoRoot } from './lib.mjs';

const DEFAULT_MARKETPLACE_CHARTS = '/work/shared/charts';

/** Builds artifacts/e2e-charts and returns its path. */
export function e2eChartsDir(env = process.env) {
  const dir = path.join(repoRoot, 'artifacts', 'e2e-charts');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const fixtures = path.join(repoRoot, 'test-fixtures', 'charts');
  for (const entry of readdirSync(fixtures, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      symlinkSync(path.join(fixtures, entry.name), path.join(dir, entry.name));
    }
  }
  const marketplace = env.WOOW_MARKETPLACE_CHARTS ?? DEFAULT_MARKETPLACE_CHARTS;
  if (!existsSync(marketplace)) {
    throw new Error(
      `The marketplace charts are missing at ${marketplace} (set WOOW_MARKETPLACE_CHARTS): the browser tests deploy the real PostgreSQL from there`,
    );
  }
  const packages = readdirSync(marketplace).filter(f => f.endsWith('.tgz'));
  for (const file of packages) {
    symlinkSync(path.join(marketplace, file), path.join(dir, file));
  }
  log(
    `e2e charts: the fixture charts and ${packages.length} marketplace charts in ${dir}`,
  );
  return dir;
}
