// `npm run bench -- <name>`: runs one benchmark. Each prints ratios against a
// baseline measured in the same run (machines here are shared and noisy, so
// absolute times mean little).
//   operator  operator HTTP API time / raw helm CLI time (install, upgrade, history, status)
//   ui        marketplace page time-to-visible-cards vs Backstage's catalog index page
//   scale     W workspaces / S services through the backend API (issue 13);
//             flags --workspaces W --services S --concurrency C (defaults 500, 2500, 8)
//             --replicas R (default 1; R > 1: R backend and R operator processes,
//             one of each killed mid-run)
import { ensureInstalled } from './setup.mjs';
import { log, repoEnv, run } from './lib.mjs';

const BENCHES = {
  operator: 'plugins/helm-operator/bench/operator.bench.ts',
  ui: 'e2e-tests/bench/ui.bench.ts',
  scale: 'plugins/woow-cloud-services-backend/bench/scale.bench.ts',
};

async function main() {
  // Flags (--name value) go to the benchmarks; the other words name them.
  const args = process.argv.slice(2);
  const flags = args.flatMap((a, i) =>
    a.startsWith('--') ? [a, args[i + 1]] : [],
  );
  const names = args.filter(
    (a, i) => !a.startsWith('-') && !args[i - 1]?.startsWith('--'),
  );
  const selected = names.length > 0 ? names : Object.keys(BENCHES);
  const unknown = selected.filter(n => !BENCHES[n]);
  if (unknown.length > 0) {
    throw new Error(
      `unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(
        BENCHES,
      ).join(', ')}`,
    );
  }
  await ensureInstalled({ quiet: true });
  const { ensureUp, applyEnv } = await import('../tools/testenv/index.mjs');
  const testenv = await ensureUp();
  const env = applyEnv(testenv.env, repoEnv());
  try {
    for (const name of selected) {
      log(`benchmark: ${name}`);
      await run(
        'node',
        [
          '--require',
          '@backstage/cli/config/nodeTransform.cjs',
          BENCHES[name],
          ...flags,
        ],
        { env },
      );
    }
  } finally {
    if (testenv.started && !process.env.WOOW_TESTENV_KEEP) {
      const { down } = await import('../tools/testenv/index.mjs');
      await down();
    }
  }
}

main().catch(error => {
  console.error(`\nbench failed: ${error.message}`);
  process.exit(1);
});
