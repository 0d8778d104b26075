// Pinned versions, directories and small shared helpers of the local test environment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TESTENV_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
export const REPO_ROOT = path.resolve(TESTENV_DIR, '..', '..');
export const FIXTURE_CHARTS_DIR = path.join(
  REPO_ROOT,
  'test-fixtures',
  'charts',
);

function requiredVersion(goModFile, modulePath) {
  const text = fs.readFileSync(goModFile, 'utf8');
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const m = text.match(
    new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm'),
  );
  if (!m) throw new Error(`${modulePath} is not required in ${goModFile}`);
  return m[1];
}

/** Pinned versions. Kubernetes and etcd come from the go.mod files next to this file. */
export const VERSIONS = Object.freeze({
  helm4: 'v4.3.1',
  helm3: 'v3.22.0',
  kubernetes: requiredVersion(
    path.join(TESTENV_DIR, 'kube', 'go.mod'),
    'k8s.io/kubernetes',
  ),
  etcd: requiredVersion(
    path.join(TESTENV_DIR, 'etcd', 'go.mod'),
    'go.etcd.io/etcd/server/v3',
  ),
  kwok: 'v0.8.0',
  // The S3 server backups are written to (Go module github.com/versity/versitygw).
  versitygw: 'v1.8.0',
  // The real node's container runtime (tools/testenv/containerd/go.mod).
  containerd: requiredVersion(
    path.join(TESTENV_DIR, 'containerd', 'go.mod'),
    'github.com/containerd/containerd/v2',
  ),
});

export function cacheDir() {
  return path.resolve(
    process.env.WOOW_TESTENV_CACHE ||
      path.join(os.homedir(), '.cache', 'woow-testenv'),
  );
}

export function stateDir() {
  return path.resolve(
    process.env.WOOW_TESTENV_STATE ||
      path.join(
        process.env.XDG_STATE_HOME ||
          path.join(os.homedir(), '.local', 'state'),
        'woow-testenv',
      ),
  );
}

/** Paths of every binary the environment uses, whether built yet or not. */
export function binaries() {
  const c = cacheDir();
  const kube = path.join(c, `kube-${VERSIONS.kubernetes}`);
  return {
    helm4: path.join(c, `helm-${VERSIONS.helm4}`, 'helm'),
    helm3: path.join(c, `helm-${VERSIONS.helm3}`, 'helm'),
    kubeApiserver: path.join(kube, 'kube-apiserver'),
    kubeControllerManager: path.join(kube, 'kube-controller-manager'),
    kubeScheduler: path.join(kube, 'kube-scheduler'),
    kubectl: path.join(kube, 'kubectl'),
    etcd: path.join(c, `etcd-${VERSIONS.etcd}`, 'etcd'),
    kwok: path.join(c, `kwok-${VERSIONS.kwok}`, 'kwok'),
    kwokStages: path.join(c, `kwok-${VERSIONS.kwok}`, 'stages.yaml'),
    versitygw: path.join(c, `versitygw-${VERSIONS.versitygw}`, 'versitygw'),
  };
}

export function log(msg) {
  process.stderr.write(`[testenv] ${msg}\n`);
}

export function fmtMs(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));

export { waitFor } from './waitFor.mjs';
