import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import execa from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKubeClients, KubeClients } from '../kube/KubeClients';
import { helmOperatorPlugin } from '../plugin';
// tools/testenv is not a workspace package: its files are imported by path.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  TEST_BASE_DOMAIN,
  TEST_TLS_SECRET_NAME,
} from '../../../../tools/testenv/lib/portalConfig.mjs';

export { TEST_BASE_DOMAIN, TEST_TLS_SECRET_NAME };

// Helpers of the integration tests: the real control plane and helm binaries
// of tools/testenv (brought up by the package's jest globalSetup).

export interface TestEnv {
  kubeconfig: string;
  helm4: string;
  helm3: string;
  fixtureCharts: string;
}

/** The environment, or a failure (integration tests never skip). */
export function requireTestEnv(): TestEnv {
  const env = process.env;
  const missing = ['KUBECONFIG', 'WOOW_HELM4', 'WOOW_HELM3'].filter(
    k => !env[k],
  );
  if (missing.length) {
    throw new Error(
      `The test environment is not up (${missing.join(
        ', ',
      )} unset). Run the tests with \`backstage-cli package test\` (its globalSetup brings tools/testenv up) or \`node tools/testenv/testenv.mjs up\` first.`,
    );
  }
  const fixtureCharts =
    env.WOOW_FIXTURE_CHARTS ??
    path.resolve(__dirname, '../../../../test-fixtures/charts');
  return {
    kubeconfig: env.KUBECONFIG!,
    helm4: env.WOOW_HELM4!,
    helm3: env.WOOW_HELM3!,
    fixtureCharts,
  };
}

export const SERVICE = mockCredentials.service.header();
export const USER = mockCredentials.user.header();

/** A short id unique to this test run, for namespaces that cannot collide with another run. */
export function runId(): string {
  return `${Date.now().toString(36).slice(-5)}${Math.random()
    .toString(36)
    .slice(2, 5)}`;
}

export function kubeClients(): KubeClients {
  return createKubeClients({ kubeconfigPath: requireTestEnv().kubeconfig });
}

/**
 * Config of a test operator: the settings no deployment gets by default
 * (the base domain, the Ingress TLS secret) as tools/testenv sets them for
 * every test, then the test's own `helmOperator` and other keys.
 */
export function operatorConfig(
  helmOperator: JsonObject,
  extra: JsonObject = {},
): JsonObject {
  return {
    woowCloudServices: { baseDomain: TEST_BASE_DOMAIN },
    ...extra,
    helmOperator: {
      ...helmOperator,
      ingress: {
        tlsSecretName: TEST_TLS_SECRET_NAME,
        ...(helmOperator.ingress as JsonObject | undefined),
      },
    },
  };
}

export async function startOperator(
  helmOperator: JsonObject,
  extra: JsonObject = {},
) {
  return startTestBackend({
    features: [
      helmOperatorPlugin,
      mockServices.rootConfig.factory({
        data: operatorConfig(helmOperator, extra),
      }),
    ],
  });
}

/** Runs the raw helm binary against the test cluster (for checks and the benchmark). */
export async function rawHelm(binary: string, args: string[]): Promise<string> {
  const { stdout } = await execa(binary, args, {
    env: { KUBECONFIG: requireTestEnv().kubeconfig },
  });
  return stdout;
}

/** Polls until `check` returns a truthy value: the one helper, in tools/testenv. */
// tools/testenv is not a workspace package: its files are imported by path.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
export { waitFor as eventually } from '../../../../tools/testenv/lib/waitFor.mjs';

/**
 * A private charts directory: the fixture chart (0.1.0) as a directory and a
 * 0.2.0 variant packaged as woow-fixture-app-0.2.0.tgz (chart-version upgrades).
 */
export async function makeChartsDir(helm: string): Promise<string> {
  const { fixtureCharts } = requireTestEnv();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-operator-charts-'));
  const src = path.join(fixtureCharts, 'woow-fixture-app');
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
  await execa(helm, ['package', variant, '--destination', dir]);
  fs.rmSync(path.join(dir, 'variant'), { recursive: true, force: true });
  return dir;
}

export async function deleteNamespaces(kube: KubeClients, names: string[]) {
  await Promise.all(
    names.map(name =>
      kube.core.deleteNamespace({ name }).catch(() => undefined),
    ),
  );
}
