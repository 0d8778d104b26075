import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
// tools/testenv is not a workspace package: its files are imported by path.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { kwokNode } from '../../../tools/testenv/lib/env.mjs';

const run = promisify(execFile);

/** Pods one bench node takes (kwok pods cost the API server, not a kubelet). */
const PODS_PER_NODE = 1000;

/**
 * Fake (kwok) nodes with room for `pods` more pods, for the length of a
 * benchmark: the test environment's two kwok nodes take 110 pods each, and
 * 2,500 services next to as many raw helm releases need thousands. kwok
 * makes them Ready (they carry its annotation); `remove` deletes them.
 */
export async function addBenchNodes(
  kubectl: string,
  prefix: string,
  pods: number,
): Promise<{ names: string[]; remove: () => Promise<void> }> {
  const count = Math.max(1, Math.ceil(pods / PODS_PER_NODE));
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const capacity = {
    cpu: String(PODS_PER_NODE),
    memory: `${PODS_PER_NODE}Gi`,
    pods: String(PODS_PER_NODE),
    'ephemeral-storage': '1Ti',
  };
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: names.map(name => kwokNode(name, capacity)),
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-nodes-'));
  const file = path.join(dir, 'nodes.json');
  fs.writeFileSync(file, JSON.stringify(list));
  try {
    await run(kubectl, ['create', '-f', file]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const remove = async () => {
    await run(kubectl, ['delete', 'node', '--wait=false', ...names]);
  };
  try {
    await run(kubectl, [
      'wait',
      '--for=condition=Ready',
      '--timeout=120s',
      ...names.map(n => `node/${n}`),
    ]);
  } catch (error) {
    await remove().catch(() => {});
    throw error;
  }
  return { names, remove };
}
