// The local charts the operator apart serves in the browser tests: the
// project's own charts (test-fixtures/charts) and the real public charts of
// the marketplace (the local Helm repository of ../shared/charts, or
// WOOW_MARKETPLACE_CHARTS), linked side by side into one directory, so that a
// spec can deploy the real PostgreSQL through a `local:` template.

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { makeChartVariant } from '../test-fixtures/charts/make-variant.mjs';
import { log, repoRoot } from './lib.mjs';

const DEFAULT_MARKETPLACE_CHARTS = '/work/shared/charts';

/**
 * woow-fixture-app 0.2.0 (appVersion 2.0) packaged beside the fixture's
 * 0.1.0 directory: the newer chart version the Configuration tab offers.
 */
function packageFixtureVariant(dir, env) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'e2e-chart-variant-'));
  try {
    const chart = makeChartVariant({ outDir: work, version: '0.2.0' });
    execFileSync(
      env.WOOW_HELM || 'helm',
      ['package', chart, '--destination', dir],
      {
        stdio: 'ignore',
      },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

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
  packageFixtureVariant(dir, env);
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
