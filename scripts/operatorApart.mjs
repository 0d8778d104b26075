// The helm-operator run apart, as deploy/operator/ deploys it: packages/operator
// as its own process, with the credentials of its own ServiceAccount
// (`paas-operator` in `paas-system`, bound to deploy/operator/'s ClusterRole)
// on the test control plane, and an API key the portal's backend sends.
//
// Used by `npm test` (the e2e stage runs the browser tests against a portal
// whose backend calls this operator) and by hand:
//   node scripts/operatorApart.mjs   (prints the portal's config overrides)
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { e2eChartsDir } from './e2eCharts.mjs';
import { log, repoEnv, repoRoot, runSync } from './lib.mjs';
import {
  TEST_BASE_DOMAIN,
  TEST_TLS_SECRET_NAME,
} from '../tools/testenv/lib/portalConfig.mjs';

const NAMESPACE = 'paas-system';
const ACCOUNT = 'paas-operator';
/** deploy/operator/ without the Deployment and Service (the process runs here). */
const MANIFESTS = [
  'namespace.yaml',
  'serviceaccount.yaml',
  'deployer-clusterrole.yaml',
  'rbac.yaml',
];

/** A kubeconfig for the operator's ServiceAccount: the admin one's cluster, a token of its own. */
function serviceAccountKubeconfig(env, dir) {
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
    ACCOUNT,
    `--namespace=${NAMESPACE}`,
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
    users: [{ name: ACCOUNT, user: { token } }],
    contexts: [{ name: ACCOUNT, context: { cluster: 'test', user: ACCOUNT } }],
    'current-context': ACCOUNT,
  };
  const file = path.join(dir, 'operator-kubeconfig.yaml');
  writeFileSync(file, JSON.stringify(kubeconfig, null, 2), { mode: 0o600 });
  return file;
}

async function waitForHealth(url, child) {
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `the operator exited (${child.exitCode}) before it was ready`,
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
 * helmOperator.backups for the test environment's S3 server and restic image,
 * when the real node runs (the backup Jobs can only run there). The restic
 * password is derived from the S3 secret: stable for the state dir, so
 * repositories of earlier runs stay readable.
 */
function backupConfig(env) {
  if (!env.WOOW_REAL_NODE_RESTIC_IMAGE || !env.WOOW_TESTENV_S3_ENDPOINT)
    return {};
  const prefix = 'APP_CONFIG_helmOperator_backups_';
  return {
    [`${prefix}s3_endpoint`]: env.WOOW_TESTENV_S3_ENDPOINT,
    [`${prefix}s3_bucket`]: env.WOOW_TESTENV_S3_BUCKET,
    [`${prefix}s3_region`]: env.WOOW_TESTENV_S3_REGION,
    [`${prefix}s3_accessKeyIdEnv`]: 'WOOW_TESTENV_S3_ACCESS_KEY_ID',
    [`${prefix}s3_secretAccessKeyEnv`]: 'WOOW_TESTENV_S3_SECRET_ACCESS_KEY',
    [`${prefix}repositoryPassword`]: createHash('sha256')
      .update(`restic:${env.WOOW_TESTENV_S3_SECRET_ACCESS_KEY}`)
      .digest('hex'),
    [`${prefix}image`]: env.WOOW_REAL_NODE_RESTIC_IMAGE,
    [`${prefix}imagePullPolicy`]: 'Never',
  };
}

/**
 * Starts the operator apart; resolves with the portal's config overrides
 * (APP_CONFIG_* variables) and a stop function.
 */
export async function startOperatorApart(
  env,
  { port = Number(process.env.WOOW_E2E_OPERATOR_PORT ?? 7018) } = {},
) {
  const dir = path.join(repoRoot, 'artifacts', 'operator-apart');
  mkdirSync(dir, { recursive: true });
  const kubeconfig = serviceAccountKubeconfig(env, dir);
  const apiKey = randomBytes(24).toString('hex');
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`starting the operator apart on ${baseUrl} as ${NAMESPACE}/${ACCOUNT}`);
  const child = spawn(
    'npx',
    ['backstage-cli', 'package', 'start', '--config', 'app-config.yaml'],
    {
      cwd: path.join(repoRoot, 'packages', 'operator'),
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
      env: repoEnv({
        ...env,
        KUBECONFIG: kubeconfig,
        HELM_BINARY: env.WOOW_HELM4,
        OPERATOR_API_KEY: apiKey,
        OPERATOR_PORT: String(port),
        OPERATOR_BASE_URL: baseUrl,
        // The fixture app (a chart of our own) and the real marketplace
        // charts, for templates with a `local:` repository.
        APP_CONFIG_helmOperator_localChartsDir: e2eChartsDir(env),
        ...backupConfig(env),
        // Settings without defaults; the portal gets the same base domain.
        WOOW_BASE_DOMAIN: TEST_BASE_DOMAIN,
        WOOW_TLS_SECRET_NAME: TEST_TLS_SECRET_NAME,
        NODE_ENV: 'development',
      }),
    },
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
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
  log('the operator apart is ready');
  return {
    stop,
    portalEnv: {
      APP_CONFIG_woowCloudServices_operator_baseUrl: `${baseUrl}/api/helm-operator`,
      APP_CONFIG_woowCloudServices_operator_apiKey: apiKey,
      // One key, read by both: the portal publishes services where this
      // operator routes them.
      APP_CONFIG_woowCloudServices_baseDomain: TEST_BASE_DOMAIN,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { readEnv } = await import('../tools/testenv/index.mjs');
  const testenv = readEnv();
  if (!testenv)
    throw new Error('the test environment is not up: npm run testenv -- up');
  const env = { ...process.env, ...testenv };
  const { portalEnv } = await startOperatorApart(env);
  for (const [k, v] of Object.entries(portalEnv)) console.log(`${k}=${v}`);
  log('Ctrl-C stops the operator');
}
