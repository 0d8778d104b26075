import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import execa from 'execa';
import { once } from 'node:events';
import { GatewayTimeoutError } from '../errors';
import { redactSecrets } from '../sanitize';
import { HelmFailureContext, helmFailureToError } from './helmErrors';

export interface HelmProcessOptions extends HelmFailureContext {
  timeoutSeconds: number;
  /** More environment for this run (e.g. its post-renderer's). */
  env?: Record<string, string>;
}

export interface HelmProcess {
  binary: string;
  /** Flags every command gets (--kubeconfig, --kube-context). */
  globalArgs: string[];
  logger: LoggerService;
}

/** Waits for a signalled helm to be gone, with SIGKILL if it lingers. */
async function untilExited(child: execa.ExecaChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** What to tell a caller whose operation ran out of time. */
function timeoutAdvice(command: string): string {
  if (['install', 'upgrade', 'rollback', 'uninstall'].includes(command)) {
    return 'It was stopped; the operation may still complete or be left pending: check GET .../status, and use POST .../recover if the release stays pending-*.';
  }
  return 'Retry later.';
}

/**
 * Runs helm once: an argument array (never a shell), a hard time limit after
 * which helm gets SIGTERM then SIGKILL, stdout returned, failures mapped to
 * errors by helmFailureToError.
 */
export async function runHelm(
  proc: HelmProcess,
  args: string[],
  opts: HelmProcessOptions,
): Promise<string> {
  const started = Date.now();
  const child = execa(proc.binary, [...args, ...proc.globalArgs], {
    reject: false,
    stdin: 'ignore',
    timeout: opts.timeoutSeconds * 1000,
    // On timeout execa sends SIGTERM, then SIGKILL 5 s later if helm lingers.
    killSignal: 'SIGTERM',
    maxBuffer: 256 * 1024 * 1024,
    // helm's output is parsed: no colour codes.
    env: { NO_COLOR: '1', HELM_DEBUG: 'false', ...opts.env },
  });
  const result = await child;
  const ms = Date.now() - started;
  const logFields = {
    command: opts.command,
    namespace: opts.namespace,
    release: opts.releaseName,
    durationMs: ms,
  };
  if (result.timedOut) {
    // execa answers as soon as it sent SIGTERM; the lease must outlive helm.
    await untilExited(child);
    proc.logger.warn(
      `helm ${opts.command} killed after ${opts.timeoutSeconds}s`,
      logFields,
    );
    throw new GatewayTimeoutError(
      `helm ${opts.command}${
        opts.releaseName ? ` of release "${opts.releaseName}"` : ''
      } did not finish within ${opts.timeoutSeconds}s. ${timeoutAdvice(
        opts.command,
      )}`,
    );
  }
  const spawnError = result as { errno?: unknown; shortMessage?: string };
  if (result.exitCode === undefined || spawnError.errno) {
    // spawn failure: the binary is missing or not executable
    proc.logger.error(
      `helm could not be run: ${spawnError.shortMessage}`,
      logFields,
    );
    throw new ServiceUnavailableError(
      'helm cannot be run by the operator (see the operator log)',
    );
  }
  if (result.failed) {
    proc.logger.warn(
      `helm ${opts.command} failed (exit ${result.exitCode}): ${redactSecrets(
        result.stderr,
        opts.secrets,
      )}`,
      logFields,
    );
    throw helmFailureToError(result.stderr, opts);
  }
  proc.logger.debug(`helm ${opts.command} done`, logFields);
  return result.stdout;
}
