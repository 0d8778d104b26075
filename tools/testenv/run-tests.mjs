#!/usr/bin/env node
// Runs the testenv integration tests with the Node test runner, owning the environment:
// brings it up first, and stops it afterwards if this run started it (unless WOOW_TESTENV_KEEP).
//   node tools/testenv/run-tests.mjs [extra node --test args]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureUp, down, realNodeWanted } from './index.mjs';

const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test');
// The real node's tests run when it is asked for (WOOW_TESTENV_REAL_NODE=1).
const files = fs
  .readdirSync(here)
  .filter(f => f.endsWith('.integration.test.mjs'))
  .filter(f => realNodeWanted() || !f.startsWith('realnode'))
  .sort()
  .map(f => path.join(here, f));

const { started } = await ensureUp();
let status = 1;
try {
  const res = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=1', ...process.argv.slice(2), ...files],
    { stdio: 'inherit' },
  );
  status = res.status ?? 1;
} finally {
  if (started && !process.env.WOOW_TESTENV_KEEP) await down();
}
process.exit(status);
