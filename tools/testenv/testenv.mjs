#!/usr/bin/env node
// Local test environment: `node tools/testenv/testenv.mjs up|down|status|env|build`.
import fs from 'node:fs';
import {
  build,
  ensureUp,
  down,
  status,
  readEnv,
  realNodeWanted,
  VERSIONS,
  binaries,
  cacheDir,
  stateDir,
} from './index.mjs';
import { fmtMs } from './lib/config.mjs';
import { statePaths } from './lib/env.mjs';
import { nodeBinaries } from './lib/node.mjs';

const USAGE = `usage: testenv.mjs <command>
  build    build/install the pinned binaries if missing (cache: ${cacheDir()}); 'build --real-node': the real node's too
  up       build if needed, start every component (idempotent), write env files ('up --json': print { env, started })
           'up --real-node' (or WOOW_TESTENV_REAL_NODE=1): also the real node (containerd + kubelet, needs root)
  down     stop what up started and remove the state data (state: ${stateDir()})
  status   show each component (running/stopped, pid, ports)
  env      print the env file (KEY=value lines; 'env --json' for JSON)
  versions print the pinned versions and binary paths`;

async function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  const t0 = Date.now();
  switch (cmd) {
    case 'build': {
      const { timings } = await build({
        realNode: realNodeWanted(rest.includes('--real-node')),
      });
      const entries = Object.entries(timings);
      if (!entries.length)
        console.log('all binaries present; nothing to build');
      for (const [name, ms] of entries) console.log(`${name}: ${fmtMs(ms)}`);
      console.log(`build: ${fmtMs(Date.now() - t0)}`);
      return 0;
    }
    case 'up': {
      const realNode = rest.includes('--real-node') || undefined;
      if (rest.includes('--json')) {
        // Machine-readable: { env, started, reused } on stdout, progress on stderr.
        console.log(JSON.stringify(await ensureUp({ realNode })));
        return 0;
      }
      const { reused } = await ensureUp({ realNode });
      console.log(
        `testenv ${reused ? 'already up' : 'up'} (${fmtMs(
          Date.now() - t0,
        )}); source ${statePaths().envFile}`,
      );
      return 0;
    }
    case 'down':
      await down();
      return 0;
    case 'status': {
      const s = await status();
      if (!s.components.length) {
        console.log(`testenv is down (state ${s.stateDir})`);
        return 3;
      }
      console.log(`state ${s.stateDir}`);
      for (const c of s.components) {
        const st = c.running
          ? c.healthy
            ? 'running'
            : 'running (unhealthy)'
          : 'stopped';
        console.log(
          `${c.name.padEnd(24)} ${st.padEnd(20)} pid ${String(
            c.pid ?? '-',
          ).padEnd(8)} port ${c.ports.join(',') || '-'}`,
        );
      }
      return s.components.every(c => c.healthy) ? 0 : 3;
    }
    case 'env': {
      const env = readEnv();
      if (!env) {
        console.error('testenv is not up (run: testenv up)');
        return 1;
      }
      if (rest.includes('--json')) console.log(JSON.stringify(env, null, 2));
      else process.stdout.write(fs.readFileSync(statePaths().envFile, 'utf8'));
      return 0;
    }
    case 'versions':
      console.log(
        JSON.stringify(
          {
            versions: VERSIONS,
            binaries: binaries(),
            realNode: nodeBinaries(),
          },
          null,
          2,
        ),
      );
      return 0;
    default:
      console.error(USAGE);
      return cmd && cmd !== 'help' && cmd !== '--help' ? 2 : 0;
  }
}

main().then(
  code => process.exit(code),
  err => {
    console.error(`testenv: ${err.message ?? err}`);
    process.exit(1);
  },
);
