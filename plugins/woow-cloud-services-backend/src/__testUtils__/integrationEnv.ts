import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Helpers of the integration tests: the real control plane, helm and
// PostgreSQL of tools/testenv (brought up by testenv/jestGlobalSetup.cjs).

export interface IntegrationEnv {
  kubeconfig: string;
  helm: string;
  kubectl: string;
  fixtureCharts: string;
}

/** The environment, or a failure: integration tests never skip. */
export function requireIntegrationEnv(): IntegrationEnv {
  const env = process.env;
  const missing = [
    'KUBECONFIG',
    'WOOW_HELM4',
    'WOOW_KUBECTL',
    'WOOW_PG_URL',
  ].filter(k => !env[k]);
  if (missing.length) {
    throw new Error(
      `The test environment is not up (${missing.join(
        ', ',
      )} unset). Run the tests with ` +
        '`backstage-cli package test` in this package: its globalSetup brings tools/testenv up.',
    );
  }
  return {
    kubeconfig: env.KUBECONFIG!,
    helm: env.WOOW_HELM4!,
    kubectl: env.WOOW_KUBECTL!,
    fixtureCharts:
      env.WOOW_FIXTURE_CHARTS ??
      path.resolve(__dirname, '../../../../test-fixtures/charts'),
  };
}

/** Runs a binary against the test cluster; resolves { code, stdout, stderr } (never rejects on exit codes). */
export function run(
  binary: string,
  args: string[],
  env: IntegrationEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      binary,
      args,
      {
        env: { ...process.env, KUBECONFIG: env.kubeconfig },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export async function namespaceExists(
  env: IntegrationEnv,
  name: string,
): Promise<boolean> {
  const { code, stderr } = await run(
    env.kubectl,
    ['get', 'namespace', name, '-o', 'name'],
    env,
  );
  if (code !== 0 && !/NotFound/.test(stderr))
    throw new Error(`kubectl failed: ${stderr}`);
  return code === 0;
}

/** Helm releases of a namespace, by name. */
export async function helmReleases(
  env: IntegrationEnv,
  namespace: string,
): Promise<string[]> {
  const { code, stdout, stderr } = await run(
    env.helm,
    [
      'list',
      '-n',
      namespace,
      '--deployed',
      '--failed',
      '--pending',
      '--uninstalling',
      '-o',
      'json',
    ],
    env,
  );
  if (code !== 0) throw new Error(`helm list failed: ${stderr}`);
  return (JSON.parse(stdout || '[]') as Array<{ name: string }>).map(
    r => r.name,
  );
}

export async function helmValues(
  env: IntegrationEnv,
  namespace: string,
  release: string,
) {
  const { code, stdout, stderr } = await run(
    env.helm,
    ['get', 'values', release, '-n', namespace, '-o', 'json'],
    env,
  );
  if (code !== 0) throw new Error(`helm get values failed: ${stderr}`);
  return JSON.parse(stdout);
}

export async function deleteNamespace(
  env: IntegrationEnv,
  name: string,
): Promise<void> {
  await run(
    env.kubectl,
    ['delete', 'namespace', name, '--ignore-not-found', '--wait=false'],
    env,
  );
}

/**
 * A private local-charts directory for the operator: the fixture chart 0.1.0
 * as a directory and a 0.2.0 variant packaged next to it (chart upgrades).
 */
export async function makeChartsDir(env: IntegrationEnv): Promise<string> {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'woow-cloud-services-charts-'),
  );
  const src = path.join(env.fixtureCharts, 'woow-fixture-app');
  fs.cpSync(src, path.join(dir, 'woow-fixture-app'), { recursive: true });
  const variant = path.join(dir, 'variant', 'woow-fixture-app');
  fs.cpSync(src, variant, { recursive: true });
  const chartYaml = path.join(variant, 'Chart.yaml');
  fs.writeFileSync(
    chartYaml,
    fs
      .readFileSync(chartYaml, 'utf8')
      .replace(/^version: .*$/m, 'version: 0.2.0')
      .replace(/^appVersion: .*$/m, 'appVersion: "2.0"'),
  );
  const packaged = await run(
    env.helm,
    ['package', variant, '--destination', dir],
    env,
  );
  if (packaged.code !== 0)
    throw new Error(`helm package failed: ${packaged.stderr}`);
  fs.rmSync(path.join(dir, 'variant'), { recursive: true, force: true });
  return dir;
}

/** Polls until `check` returns a truthy value: the one helper, in tools/testenv. */
// tools/testenv is not a workspace package: its files are imported by path.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
export { waitFor as eventually } from '../../../../tools/testenv/lib/waitFor.mjs';

/** Short, unique per run: workspace ids are at most 20 characters. */
export function runId(): string {
  return `${Date.now().toString(36).slice(-5)}${Math.random()
    .toString(36)
    .slice(2, 5)}`;
}
