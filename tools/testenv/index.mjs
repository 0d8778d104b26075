// Programmatic API of the local test environment (see README.md).
//
//   import { ensureUp, down, readEnv } from './tools/testenv/index.mjs';
//   const { env, started } = await ensureUp();   // builds if needed, starts what is not running
//
import {
  up,
  down as downImpl,
  status,
  readEnv,
  loadPrometheusSamples,
  FAKE_NODES,
  STORAGE_CLASS,
} from './lib/env.mjs';
import { build, installDebianPackages } from './lib/build.mjs';
import {
  VERSIONS,
  binaries,
  cacheDir,
  stateDir,
  waitFor,
} from './lib/config.mjs';
import { kubeClient, kubeClientFromEnv } from './lib/kube.mjs';
import {
  REAL_NODE_NAME,
  REAL_NODE_LABEL,
  REAL_NODE_TAINT,
  REAL_NODE_ENV,
  FIXTURE_IMAGE,
  realNodeWanted,
} from './lib/node.mjs';

/**
 * Makes sure the environment is up (with { realNode: true } or WOOW_TESTENV_REAL_NODE=1: the
 * real node too) (building binaries the first time) and returns
 * { env, started }: env holds the variables also written to <state>/env; started is true
 * when this call brought it up from nothing (so the caller owns it and may stop it).
 */
export async function ensureUp(opts = {}) {
  return up(opts);
}

/** Stops what `up` started and removes the state data. */
export async function down(opts = {}) {
  return downImpl(opts);
}

/** Copies env into process.env (or another target object). */
export function applyEnv(env, target = process.env) {
  for (const [k, v] of Object.entries(env)) target[k] = String(v);
  return target;
}

export {
  build,
  installDebianPackages,
  status,
  readEnv,
  loadPrometheusSamples,
  kubeClient,
  kubeClientFromEnv,
  waitFor,
  VERSIONS,
  binaries,
  cacheDir,
  stateDir,
  FAKE_NODES,
  STORAGE_CLASS,
  REAL_NODE_NAME,
  REAL_NODE_LABEL,
  REAL_NODE_TAINT,
  REAL_NODE_ENV,
  FIXTURE_IMAGE,
  realNodeWanted,
};
