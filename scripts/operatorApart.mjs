// The helm-operator run apart, as deploy/operator/ deploys it: packages/operator
// as its own process, with the credentials of its own ServiceAccount
// (`paas-operator` in `paas-system`, bound to deploy/operator/'s ClusterRole)
// on the test control plane, and an API key the portal's backend sends.
//
// Used by `npm test` (the e2e stage runs the browser tests against a portal
// whose backend calls this operator) and by hand:
//   node scripts/operatorApart.mjs   (prints the portal's config overrides)
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { e2eChartsDir } from './e2eCharts.mjs';
import { log, repoRoot } from './lib.mjs';
import {
  OPERATOR_ACCOUNT,
  OPERATOR_NAMESPACE,
  operatorKubeconfig,
  operatorPortalEnv,
  startOperatorProcess,
} from './operatorProcess.mjs';

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
  const kubeconfig = operatorKubeconfig(env, dir);
  const apiKey = randomBytes(24).toString('hex');
  log(
    `starting the operator apart on 127.0.0.1:${port} as ${OPERATOR_NAMESPACE}/${OPERATOR_ACCOUNT}`,
  );
  const { baseUrl, stop } = await startOperatorProcess(env, {
    port,
    kubeconfig,
    apiKey,
    // The fixture app (a chart of our own) and the real marketplace
    // charts, for templates with a `local:` repository.
    localChartsDir: e2eChartsDir(env),
    extraEnv: backupConfig(env),
  });
  log('the operator apart is ready');
  return { stop, portalEnv: operatorPortalEnv(baseUrl, apiKey) };
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
