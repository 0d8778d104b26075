// Process helpers: run commands, start/stop daemons, locks.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sleep, log } from './config.mjs';

/** Runs a command to completion with output appended to logFile; rejects with the log tail. */
export function run(
  cmd,
  args,
  { env = process.env, cwd, logFile, uid, gid } = {},
) {
  return new Promise((resolve, reject) => {
    let out = 'ignore';
    if (logFile) {
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      out = fs.openSync(logFile, 'a');
      fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}\n`);
    }
    const child = spawn(cmd, args, {
      env,
      cwd,
      stdio: ['ignore', out, out],
      uid,
      gid,
    });
    child.on('error', err => {
      if (typeof out === 'number') fs.closeSync(out);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      if (typeof out === 'number') fs.closeSync(out);
      if (code === 0) return resolve();
      const tail = logFile ? tailFile(logFile, 40) : '';
      reject(
        new Error(
          `${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${
            logFile ? `; log ${logFile}:\n${tail}` : ''
          }`,
        ),
      );
    });
  });
}

export function tailFile(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Starts a long-running process detached from us, output to logFile; resolves with its pid. */
export function startDaemon(
  cmd,
  args,
  { env = process.env, cwd, logFile, uid, gid },
) {
  return new Promise((resolve, reject) => {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(
      out,
      `\n=== ${new Date().toISOString()} $ ${cmd} ${args.join(' ')}\n`,
    );
    const child = spawn(cmd, args, {
      env,
      cwd,
      detached: true,
      stdio: ['ignore', out, out],
      uid,
      gid,
    });
    child.once('error', err => {
      fs.closeSync(out);
      reject(err);
    });
    child.once('spawn', () => {
      fs.closeSync(out);
      child.unref();
      resolve(child.pid);
    });
  });
}

export function pidAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return false;
  }
  // A zombie is not alive for our purposes.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(
      stat.lastIndexOf(')') + 2,
      stat.lastIndexOf(')') + 3,
    );
    if (state === 'Z' || state === 'X') return false;
  } catch {
    return false;
  }
  return true;
}

/** True when pid is alive and its command line mentions `needle` (guards against pid reuse). */
export function pidMatches(pid, needle) {
  if (!pidAlive(pid)) return false;
  try {
    const cmdline = fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .join(' ');
    return cmdline.includes(needle);
  } catch {
    return false;
  }
}

/** Sends `signal`, waits up to graceMs for exit, then SIGKILL. Only the given pid is signalled. */
export async function stopPid(
  pid,
  { signal = 'SIGTERM', graceMs = 15_000 } = {},
) {
  if (!pidAlive(pid)) return false;
  try {
    process.kill(pid, signal);
  } catch {
    return false;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!pidAlive(pid)) return true;
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  const killDeadline = Date.now() + 5000;
  while (pidAlive(pid) && Date.now() < killDeadline) await sleep(100);
  return true;
}

/**
 * A cross-process lock: a file holding the owner's pid, created exclusively.
 * A lock whose owner is dead is taken over.
 */
export async function withLock(lockFile, what, fn) {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(lockFile, 'utf8').trim() || 0);
      if (owner === process.pid)
        throw new Error(`re-entrant ${what} lock ${lockFile}`);
      if (!owner || !pidAlive(owner)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (!announced) {
        log(`waiting for ${what} held by pid ${owner} (${lockFile})`);
        announced = true;
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

export function which(cmd) {
  try {
    return (
      execFileSync('sh', ['-c', `command -v ${cmd}`], {
        encoding: 'utf8',
      }).trim() || null
    );
  } catch {
    return null;
  }
}
