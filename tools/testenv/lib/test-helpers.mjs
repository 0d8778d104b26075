// Shared helpers of the testenv integration tests (node:test).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureUp, kubeClientFromEnv, waitFor } from '../index.mjs';

export { waitFor };

let upPromise;
/** ensureUp once per test process ({ realNode: true }: with the real node); returns { env, kube }. */
export function testenv({ realNode } = {}) {
  upPromise ??= ensureUp({ quietReuse: true, realNode }).then(({ env }) => ({
    env,
    kube: kubeClientFromEnv(env),
  }));
  return upPromise;
}

/** Runs a command with the testenv variables; resolves { stdout, stderr }, rejects with stderr in the message. */
export function exec(cmd, args, env, { input, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      {
        env: { ...process.env, ...env },
        maxBuffer: 32 * 1024 * 1024,
        timeout: timeoutMs,
      },
      (err, stdout, stderr) => {
        if (err) {
          err.message = `${path.basename(cmd)} ${args.join(' ')} failed: ${
            err.message
          }\n${stderr}`;
          err.stdout = stdout;
          err.stderr = stderr;
          return reject(err);
        }
        resolve({ stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin.end(input);
  });
}

let scratch;
/** A private directory for this test process, removed when it exits. */
export function scratchDir() {
  if (!scratch) {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'woow-testenv-test-'));
    process.on('exit', () =>
      fs.rmSync(scratch, { recursive: true, force: true }),
    );
  }
  return scratch;
}

export function tmpFile(name, content) {
  const dir = fs.mkdtempSync(path.join(scratchDir(), 'f-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content, { mode: 0o600 });
  return file;
}

/** Deletes a namespace if present and waits until it is gone, then creates it (with labels). */
export async function freshNamespace(kube, name, labels = {}) {
  await deleteNamespace(kube, name);
  await kube.post('/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels },
  });
  // Pods need the namespace's default ServiceAccount (made by the controller manager).
  await waitFor(
    () => kube.getOrNull(`/api/v1/namespaces/${name}/serviceaccounts/default`),
    {
      what: `default ServiceAccount in ${name}`,
    },
  );
}

export async function deleteNamespace(kube, name) {
  const res = await kube.request('DELETE', `/api/v1/namespaces/${name}`);
  if (res.status === 404) return;
  await waitFor(
    async () => (await kube.getOrNull(`/api/v1/namespaces/${name}`)) === null,
    {
      timeoutMs: 180_000,
      what: `namespace ${name} to be deleted`,
    },
  );
}

export function isPodReady(pod) {
  return (pod.status?.conditions ?? []).some(
    c => c.type === 'Ready' && c.status === 'True',
  );
}
