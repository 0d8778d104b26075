// The S3 server of the test environment (versitygw, posix backend): where the helm-operator's
// backup Jobs (restic) write. Data in <state>/s3, credentials generated per state dir.
//
// Address: pods of the real node live in their own network namespaces behind the CNI bridge, so
// 127.0.0.1 is their own loopback, not the host's. As root the server listens on a dedicated
// /32 address put on the host's `lo` (10.199.x.y, from the state dir's hash): pods reach it
// through the bridge (their default gateway is the host, which accepts packets for any local
// address), the host reaches it directly, and nothing outside this machine routes to it. Without
// root (no real node possible) it listens on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { binaries } from './config.mjs';

export const S3_BUCKET = 'woow-backups';
export const S3_REGION = 'us-east-1';

function isRoot() {
  return process.getuid?.() === 0;
}

/** Address, bucket and generated credentials of this state dir's S3 server (kept in state.json). */
export function s3Identity(root) {
  const h = crypto.createHash('sha256').update(root).digest();
  return {
    address: isRoot() ? `10.199.${h[0]}.${1 + (h[1] % 254)}` : '127.0.0.1',
    accessKeyId: `woow${crypto.randomBytes(8).toString('hex')}`,
    secretAccessKey: crypto.randomBytes(24).toString('hex'),
    bucket: S3_BUCKET,
  };
}

function loAddresses() {
  return execFileSync('ip', ['-4', '-o', 'addr', 'show', 'dev', 'lo'], {
    encoding: 'utf8',
  });
}

/** Whether `address/32` is on `lo` (left behind or ours). */
export function s3AddressPresent(address) {
  return new RegExp(`inet ${address.replace(/\./g, '\\.')}/32 `).test(
    loAddresses(),
  );
}

function ensureLoAddress(address) {
  if (address === '127.0.0.1' || s3AddressPresent(address)) return;
  execFileSync('ip', ['addr', 'add', `${address}/32`, 'dev', 'lo']);
}

/** `down`: removes the address from `lo` (nothing else uses it). */
export function removeS3Address(s3) {
  if (!s3 || s3.address === '127.0.0.1' || !s3AddressPresent(s3.address))
    return;
  execFileSync('ip', ['addr', 'del', `${s3.address}/32`, 'dev', 'lo']);
}

export function s3Endpoint(state) {
  return `http://${state.s3.address}:${state.ports.s3}`;
}

/** The variables tests and the operator's config read (WOOW_TESTENV_S3_*). */
export function s3Env(state) {
  return {
    WOOW_TESTENV_S3_ENDPOINT: s3Endpoint(state),
    WOOW_TESTENV_S3_BUCKET: state.s3.bucket,
    WOOW_TESTENV_S3_REGION: S3_REGION,
    WOOW_TESTENV_S3_ACCESS_KEY_ID: state.s3.accessKeyId,
    WOOW_TESTENV_S3_SECRET_ACCESS_KEY: state.s3.secretAccessKey,
  };
}

/** The S3 server in the shape of env.mjs's components. */
export function s3Component({ p, state, startDaemon, httpGet }) {
  const bin = binaries().versitygw;
  const dataDir = path.join(p.root, 's3');
  return {
    name: 'versitygw',
    bin,
    host: state.s3.address,
    ports: ['s3'],
    deps: [],
    start: () => {
      ensureLoAddress(state.s3.address);
      // A posix bucket is a directory of the root.
      fs.mkdirSync(path.join(dataDir, 'data', state.s3.bucket), {
        recursive: true,
      });
      fs.mkdirSync(path.join(dataDir, 'meta'), { recursive: true });
      return startDaemon(
        bin,
        [
          '--port',
          `${state.s3.address}:${state.ports.s3}`,
          '--region',
          S3_REGION,
          '--health',
          '/healthz',
          'posix',
          '--sidecar',
          path.join(dataDir, 'meta'),
          path.join(dataDir, 'data'),
        ],
        {
          logFile: path.join(p.logs, 'versitygw.log'),
          // Credentials through the environment, not the command line (ps shows that).
          env: {
            PATH: process.env.PATH,
            ROOT_ACCESS_KEY_ID: state.s3.accessKeyId,
            ROOT_SECRET_ACCESS_KEY: state.s3.secretAccessKey,
          },
          cwd: dataDir,
        },
      );
    },
    healthy: async () => {
      try {
        const r = await httpGet(`${s3Endpoint(state)}/healthz`);
        return r.status === 200;
      } catch {
        return false;
      }
    },
  };
}
