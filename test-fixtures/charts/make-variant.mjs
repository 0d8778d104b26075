#!/usr/bin/env node
// Writes a copy of a fixture chart with another chart version (and optionally appVersion and
// default image tag), e.g. the 0.2.0 variant of woow-fixture-app used for chart-upgrade tests.
//
//   node test-fixtures/charts/make-variant.mjs <outDir> [version=0.2.0] [appVersion=2.0] [chart=woow-fixture-app]
//   import { makeChartVariant } from '../../test-fixtures/charts/make-variant.mjs'
//
// With `--package`, the result is also packaged (helm package) next to outDir.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Returns the directory of the new chart: <outDir>/<chart>. */
export function makeChartVariant({
  outDir,
  version = '0.2.0',
  appVersion = '2.0',
  chart = 'woow-fixture-app',
  imageTag = appVersion,
}) {
  const src = path.join(HERE, chart);
  const dest = path.join(outDir, chart);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(src, dest, { recursive: true });
  const chartYaml = path.join(dest, 'Chart.yaml');
  fs.writeFileSync(
    chartYaml,
    fs
      .readFileSync(chartYaml, 'utf8')
      .replace(/^version: .*$/m, `version: ${version}`)
      .replace(/^appVersion: .*$/m, `appVersion: "${appVersion}"`),
  );
  const valuesYaml = path.join(dest, 'values.yaml');
  fs.writeFileSync(
    valuesYaml,
    fs
      .readFileSync(valuesYaml, 'utf8')
      .replace(/^(\s+tag: ).*$/m, `$1"${imageTag}"`),
  );
  return dest;
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const args = process.argv.slice(2).filter(a => !a.startsWith('--'));
  const [outDir, version, appVersion, chart] = args;
  if (!outDir) {
    console.error(
      'usage: make-variant.mjs <outDir> [version=0.2.0] [appVersion=2.0] [chart=woow-fixture-app] [--package]',
    );
    process.exit(2);
  }
  const dir = makeChartVariant({ outDir, version, appVersion, chart });
  if (process.argv.includes('--package')) {
    const { execFileSync } = await import('node:child_process');
    const helm = process.env.WOOW_HELM || 'helm';
    execFileSync(helm, ['package', dir, '-d', outDir], { stdio: 'inherit' });
  }
  console.log(dir);
}
