// `npm test`: install what is missing, then lint, type check, every unit and
// integration test of every package (against the real test environment:
// kube-apiserver + kwok, helm 3 and 4, PostgreSQL, Prometheus), the
// marketplace conformance of the real public charts, and the end-to-end
// browser tests against the running portal.
//
//   npm test                 everything
//   npm test -- --only=unit  one stage: lint, tsc, build, testenv, images, unit,
//                            conformance, install, e2e
//   npm test -- --only=testenv,e2e restart.spec.ts
//                            other arguments go to playwright (spec files, --grep)
import { ensureInstalled } from './setup.mjs';
import { ensureAppBuilt } from './start.mjs';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { log, repoEnv, repoRoot, run, workspaceDirs } from './lib.mjs';

const only = process.argv
  .find(arg => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const playwrightArgs = process.argv
  .slice(2)
  .filter(arg => !arg.startsWith('--only='));
const wanted = stage => !only || only.includes(stage);

const timings = [];
async function stage(name, fn) {
  if (!wanted(name)) return;
  const started = Date.now();
  log(`── ${name} ──`);
  try {
    await fn();
  } finally {
    timings.push([name, Math.round((Date.now() - started) / 1000)]);
  }
}

async function main() {
  await ensureInstalled();
  const env = repoEnv({ CI: 'true' });
  let testenv;
  // With the real node (kubelet + containerd running real containers, see
  // tools/testenv/README.md; needs root): WOOW_TESTENV_REAL_NODE=0 leaves it,
  // and the tests that need it (file names with "realnode"), out.
  const realNode = process.env.WOOW_TESTENV_REAL_NODE !== '0';

  try {
    await stage('lint', async () => {
      await run('backstage-cli', ['repo', 'lint'], { env });
      // Formatting of every source file (.prettierignore leaves out what is
      // built, generated or left by runs).
      await run('prettier', ['--check', '.'], { env });
      // No new pairs of repeated code beyond .duplicates-baseline.txt.
      await run('node', ['scripts/duplicates.mjs'], { env });
    });
    // tsc also writes the declarations (dist-types/) that package builds bundle.
    await stage('tsc', () => run('tsc', [], { env }));
    await stage('build', async () => {
      // Every plugin package builds as it would be published.
      for (const dir of workspaceDirs().filter(d => d.startsWith('plugins/'))) {
        await run('backstage-cli', ['package', 'build'], {
          env,
          cwd: path.join(repoRoot, dir),
        });
      }
    });
    await stage('testenv', async () => {
      const { ensureUp, applyEnv } = await import('../tools/testenv/index.mjs');
      testenv = await ensureUp({ realNode });
      applyEnv(testenv.env, env);
      // Our own tests of the environment itself (helm 3/4, quota, pg,
      // prometheus, the real node).
      const testFiles = readdirSync(path.join(repoRoot, 'tools/testenv/test'))
        .filter(f => f.endsWith('.test.mjs'))
        .filter(f => realNode || !f.startsWith('realnode'))
        .map(f => path.join('tools/testenv/test', f));
      await run('node', ['--test', ...testFiles], { env });
    });
    await stage('images', async () => {
      // Both container images (scripts/images.mjs; skipped when their input
      // hash is built already), run and health-checked: the operator against
      // this test control plane, the backend on SQLite.
      const { checkImages } = await import('./images.mjs');
      await checkImages({ kubeconfig: testenv?.env.KUBECONFIG });
    });
    await stage('unit', () =>
      // Every package's tests, integration tests included: they find the
      // environment through the variables set above.
      run(
        'backstage-cli',
        [
          'repo',
          'test',
          '--ci',
          // Replaces the packages' own ignore lists: theirs are repeated here.
          ...(realNode
            ? []
            : [
                '--testPathIgnorePatterns',
                '/node_modules/',
                '\\.conformance\\.integration\\.test\\.ts$',
                '\\.realnode\\.',
              ]),
        ],
        { env },
      ),
    );
    await stage('conformance', async () => {
      // Every marketplace app whose chart is in the local repository of the
      // real public charts (/work/shared/charts, or WOOW_MARKETPLACE_CHARTS):
      // install, running, upgrade, rollback, delete through the operator, and
      // every value-spec key in the chart's values. The unit stage leaves this
      // file out (the operator's package.json "jest" testPathIgnorePatterns);
      // here the override puts it back. Prints artifacts/conformance.md.
      const report = path.join(repoRoot, 'artifacts', 'conformance.md');
      rmSync(report, { force: true });
      try {
        await run(
          'backstage-cli',
          [
            'package',
            'test',
            'src/conformance/marketplace.conformance.integration.test.ts',
            '--testPathIgnorePatterns=/node_modules/',
            '--runInBand',
          ],
          { env, cwd: path.join(repoRoot, 'plugins/helm-operator') },
        );
      } finally {
        if (existsSync(report)) log(readFileSync(report, 'utf8'));
      }
    });
    await stage('install', async () => {
      // The plugin packages packed, installed into a fresh Backstage app
      // with the README's install lines, started against the test control
      // plane: health check and one deploy through the API
      // (scripts/install/installTest.mjs).
      const { runInstallTest } = await import('./install/installTest.mjs');
      await runInstallTest(env);
    });
    await stage('e2e', async () => {
      await ensureAppBuilt();
      // The e2e portal keeps its SQLite data here: start from nothing.
      rmSync(path.join(repoRoot, 'artifacts', 'e2e-data'), {
        recursive: true,
        force: true,
      });
      // The portal's backend calls the operator run apart, with its own
      // ServiceAccount's RBAC (deploy/operator/) and API key: the deployment
      // of the spec, where the unit stage covered the operator in-process.
      const { ensureUp, applyEnv } = await import('../tools/testenv/index.mjs');
      applyEnv((await ensureUp()).env, env);
      if (!realNode) {
        const left = readdirSync(path.join(repoRoot, 'e2e-tests')).filter(f =>
          /realnode.*\.spec\.ts$/.test(f),
        );
        log(
          `left out (WOOW_TESTENV_REAL_NODE=0, no real node to run on): ${left.join(
            ', ',
          )}`,
        );
      }
      const { startOperatorApart } = await import('./operatorApart.mjs');
      const operator = await startOperatorApart(env);
      try {
        await run('playwright', ['test', ...playwrightArgs], {
          env: { ...env, ...operator.portalEnv },
        });
      } finally {
        await operator.stop();
      }
    });
  } finally {
    if (testenv?.started && !process.env.WOOW_TESTENV_KEEP) {
      const { down } = await import('../tools/testenv/index.mjs');
      await down();
    }
    for (const [name, seconds] of timings) log(`${name}: ${seconds} s`);
  }
}

main().then(
  () => log('all tests passed'),
  error => {
    console.error(`\nnpm test failed: ${error.message}`);
    process.exit(1);
  },
);
