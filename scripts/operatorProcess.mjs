// One helm-operator process run apart, as deploy/operator/ deploys it:
// packages/operator as its own process, with the credentials of its own
// ServiceAccount (`paas-operator` in `paas-system`, bound to deploy/operator/'s
// ClusterRole) on the test control plane, and an API key its callers send.
// Shared by scripts/operatorApart.mjs (the browser tests' operator) and the
// scale benchmark's replicated run (two of them behind one proxy). No
// top-level await: the benchmark (CommonJS once transformed) requires it.
import { spawn } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoEnv, repoRoot, runSync } from './lib.mjs';
import {
  TEST_BASE_DOMAIN,
  TEST_TLS_SECRET_NAME,
} from '../tools/testenv/lib/portalConfig.mjs';

export const OPERATOR_NAMESPACE = 'paas-system';
export const OPERATOR_ACCOUNT = 'paas-operator';
/** deploy/operator/ without the Deployment and Service (the process runs here). */
const MANIFESTS = [
  'namespace.yaml',
  'serviceaccount.yaml',
  'deployer-clusterrole.yaml',
  'rbac.yaml',
];

/**
 * Applies the operator's ServiceAccount and RBAC, and writes a kubeconfig for
 * it into `dir`: the admin one's cluster, a token of its own. Returns its path.
 */
export function operatorKubeconfig(env, dir) {
  const kubectl = args => {
    const result = runSync(env.WOOW_KUBECTL, args, {
      env: { ...process.env, ...env },
    });
    if (result.status !== 0) {
      throw new Error(
        `kubectl ${args.join(' ')} failed: ${result.stderr.trim()}`,
      );
    }
    return result.stdout;
  };
  for (const file of MANIFESTS) {
    kubectl(['apply', '-f', path.join(repoRoot, 'deploy', 'operator', file)]);
  }
  const token = kubectl([
    'create',
    'token',
    OPERATOR_ACCOUNT,
    `--namespace=${OPERATOR_NAMESPACE}`,
    '--duration=24h',
  ]).trim();
  // The admin kubeconfig's cluster (server and CA), nothing of its user.
  const admin = JSON.parse(
    kubectl(['config', 'view', '--raw', '--minify', '--output=json']),
  );
  const [cluster] = admin.clusters;
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: cluster.cluster }],
    users: [{ name: OPERATOR_ACCOUNT, user: { token } }],
    contexts: [
      {
        name: OPERATOR_ACCOUNT,
        context: { cluster: 'test', user: OPERATOR_ACCOUNT },
      },
    ],
    'current-context': OPERATOR_ACCOUNT,
  };
  const file = path.join(dir, 'operator-kubeconfig.yaml');
  writeFileSync(file, JSON.stringify(kubeconfig, null, 2), { mode: 0o600 });
  return file;
}

/** Resolves when `url` answers its readiness probe; rejects if `child` exits first. */
export async function waitForHealth(url, child) {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the operator exited (${
          child.exitCode ?? child.signalCode
        }) before it was ready`,
      );
    }
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

/**
 * Starts packages/operator on `port` with `kubeconfig` and `apiKey`; resolves
 * once it is ready with the child process, its base URL and a stop function.
 * `watch` runs it as `backstage-cli package start` does (restarting on file
 * changes); without it, one plain Node process (what a replica killed by pid
 * needs). `env` is the test environment's; `extraEnv` adds settings
 * (APP_CONFIG_* overrides); `logFile`, if given, takes its output.
 */
export async function startOperatorProcess(
  env,
  {
    port,
    kubeconfig,
    apiKey,
    localChartsDir,
    watch = true,
    extraEnv = {},
    logFile,
  },
) {
  const baseUrl = `http://127.0.0.1:${port}`;
  const [command, args] = watch
    ? [
        'npx',
        ['backstage-cli', 'package', 'start', '--config', 'app-config.yaml'],
      ]
    : [
        'node',
        [
          '--require',
          '@backstage/cli/config/nodeTransform.cjs',
          'src/index.ts',
          '--config',
          'app-config.yaml',
        ],
      ];
  const child = spawn(command, args, {
    cwd: path.join(repoRoot, 'packages', 'operator'),
    stdio: logFile
      ? ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')]
      : ['ignore', 'inherit', 'inherit'],
    detached: true,
    env: repoEnv({
      ...env,
      KUBECONFIG: kubeconfig,
      HELM_BINARY: env.WOOW_HELM4,
      OPERATOR_API_KEY: apiKey,
      OPERATOR_PORT: String(port),
      OPERATOR_BASE_URL: baseUrl,
      APP_CONFIG_helmOperator_localChartsDir: localChartsDir,
      // Settings without defaults; the portal gets the same base domain.
      WOOW_BASE_DOMAIN: TEST_BASE_DOMAIN,
      WOOW_TLS_SECRET_NAME: TEST_TLS_SECRET_NAME,
      NODE_ENV: 'development',
      ...extraEnv,
    }),
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await exited;
  };
  try {
    await waitForHealth(baseUrl, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, baseUrl, stop };
}

/** The portal's config overrides for an operator at `baseUrl` with `apiKey`. */
export function operatorPortalEnv(baseUrl, apiKey) {
  return {
    APP_CONFIG_woowCloudServices_operator_baseUrl: `${baseUrl}/api/helm-operator`,
    APP_CONFIG_woowCloudServices_operator_apiKey: apiKey,
    // One key, read by both: the portal publishes services where this
    // operator routes them.
    APP_CONFIG_woowCloudServices_baseDomain: TEST_BASE_DOMAIN,
  };
}
