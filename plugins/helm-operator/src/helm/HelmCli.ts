import { LoggerService } from '@backstage/backend-plugin-api';
import execa from 'execa';
import { deployerUser } from '../kube/deployer';
import { HelmProcess, HelmProcessOptions, runHelm } from './runHelm';

// The one place that knows which helm major version takes which flag.

export type HelmMajor = 3 | 4;

export interface HelmVersion {
  version: string;
  major: HelmMajor;
  minor: number;
}

export const MIN_HELM3_MINOR = 14;

/** Parses `helm version --short` output ("v4.3.1+gabc", "v3.22.0"). */
export function parseHelmVersion(
  text: string,
): { major: number; minor: number; version: string } | undefined {
  const m = /v?(\d+)\.(\d+)\.(\d+)\S*/.exec(text.trim());
  if (!m) return undefined;
  return {
    version: m[0].replace(/\+.*$/, ''),
    major: Number(m[1]),
    minor: Number(m[2]),
  };
}

/** Throws a message for the operator's log when the version is unsupported. */
export function checkHelmVersion(text: string): HelmVersion {
  const parsed = parseHelmVersion(text);
  if (!parsed) {
    throw new Error(
      `cannot read the helm version from "${text.trim().slice(0, 80)}"`,
    );
  }
  const { major, minor, version } = parsed;
  if (major === 4 || (major === 3 && minor >= MIN_HELM3_MINOR)) {
    return { version, major, minor };
  }
  throw new Error(
    `helm ${version} is not supported: helm 4, or helm 3 from 3.${MIN_HELM3_MINOR} on, is required`,
  );
}

export interface MutationFlagOptions {
  /** Wait for the workloads to be ready. */
  wait: boolean;
  /** Undo the change when it fails; implies waiting. */
  rollbackOnFailure: boolean;
  /** Replace objects whose immutable fields changed. */
  forceReplace?: boolean;
  /** helm's own limit for waits and hooks. */
  helmTimeoutSeconds: number;
  /** install: a new release; upgrade/rollback: an existing one. */
  command: 'install' | 'upgrade' | 'rollback';
}

/** Flags of install, upgrade and rollback for a helm major version. */
export function mutationFlags(
  major: HelmMajor,
  opts: MutationFlagOptions,
): string[] {
  const flags: string[] = [];
  if (major === 4) {
    // helm 4 applies server-side for new releases; existing releases keep the
    // method they were made with ("auto"), so releases made by helm 3 upgrade
    // cleanly.
    flags.push(
      opts.command === 'install' ? '--server-side=true' : '--server-side=auto',
    );
    if (opts.rollbackOnFailure && opts.command !== 'rollback') {
      flags.push('--rollback-on-failure');
    } else if (opts.wait || opts.rollbackOnFailure) {
      flags.push('--wait=watcher');
    }
    if (opts.forceReplace) flags.push('--force-replace');
  } else {
    if (opts.rollbackOnFailure && opts.command !== 'rollback') {
      flags.push('--atomic');
    } else if (opts.wait || opts.rollbackOnFailure) {
      flags.push('--wait');
    }
    if (opts.forceReplace) flags.push('--force');
  }
  flags.push(`--timeout=${Math.max(1, Math.floor(opts.helmTimeoutSeconds))}s`);
  return flags;
}

/**
 * The flag of a server-side dry run (nothing persisted, templates validated
 * and `lookup` answered by the API server). helm 4 spells it --dry-run=server;
 * helm 3 accepts the same form from 3.13 on (plain --dry-run would be a
 * client-side render there), and we require 3.14.
 */
export function serverDryRunFlags(_major: HelmMajor): string[] {
  return ['--dry-run=server'];
}

/**
 * The flags that make a mutation run a post-renderer that sees its hooks too,
 * or undefined where helm has none: helm 4 names a post-renderer plugin
 * (type postrenderer/v1) and hands it manifest and hooks in one stream; helm
 * 3 takes an executable but never gives it the hooks, which run before and
 * after the apply, so a check there needs the dry run before the mutation.
 */
export function checkingPostRendererFlags(
  major: HelmMajor,
  plugin: string,
): string[] | undefined {
  return major === 4 ? [`--post-renderer=${plugin}`] : undefined;
}

/** Whether this helm has a post-renderer that can check a whole release. */
export function hasCheckingPostRenderer(major: HelmMajor): boolean {
  return checkingPostRendererFlags(major, 'any') !== undefined;
}

/**
 * helm's own --timeout is set a little below ours so that helm, not a kill,
 * ends a slow wait: helm then records the failure in the release instead of
 * leaving it pending.
 */
export function helmTimeoutFor(ourTimeoutSeconds: number): number {
  return Math.max(1, Math.floor(ourTimeoutSeconds * 0.9) - 5);
}

export interface HelmCliOptions {
  binary: string;
  kubeconfigPath?: string;
  kubeContext?: string;
  logger: LoggerService;
}

/** A helm binary of a known version, bound to one cluster. */
export class HelmCli {
  readonly version: HelmVersion;
  private readonly proc: HelmProcess;

  private constructor(proc: HelmProcess, version: HelmVersion) {
    this.proc = proc;
    this.version = version;
  }

  get major(): HelmMajor {
    return this.version.major;
  }

  /** Runs `helm version`; throws a clear message when helm is missing or too old. */
  static async detect(opts: HelmCliOptions): Promise<HelmCli> {
    let out: string;
    try {
      const res = await execa(opts.binary, ['version', '--short'], {
        timeout: 30_000,
        stdin: 'ignore',
      });
      out = res.stdout;
    } catch (e) {
      const err = e as {
        code?: string;
        shortMessage?: string;
        message?: string;
      };
      const reasons: Record<string, string> = {
        ENOENT: 'not found (install helm 4, or set helmOperator.helmBinary)',
        EACCES: 'not executable',
      };
      const why =
        reasons[err.code ?? ''] ?? err.shortMessage ?? err.message ?? String(e);
      throw new Error(`helm binary "${opts.binary}" cannot be run: ${why}`);
    }
    const version = checkHelmVersion(out);
    const globalArgs: string[] = [];
    if (opts.kubeconfigPath)
      globalArgs.push(`--kubeconfig=${opts.kubeconfigPath}`);
    if (opts.kubeContext) globalArgs.push(`--kube-context=${opts.kubeContext}`);
    return new HelmCli(
      { binary: opts.binary, globalArgs, logger: opts.logger },
      version,
    );
  }

  /**
   * Runs one helm command (argument array) under a time limit, in a workspace
   * namespace and as that namespace's deployer ServiceAccount: there is no
   * way to run helm against a release with the operator's own identity. The
   * API server adds the groups of a ServiceAccount (system:serviceaccounts,
   * system:serviceaccounts:<ns>, system:authenticated) to an impersonated
   * ServiceAccount user itself, so no --kube-as-group is given.
   */
  run(
    args: string[],
    opts: HelmProcessOptions & { namespace: string },
  ): Promise<string> {
    return runHelm(
      this.proc,
      [
        ...args,
        `--namespace=${opts.namespace}`,
        `--kube-as-user=${deployerUser(opts.namespace)}`,
      ],
      opts,
    );
  }

  mutationFlags(opts: MutationFlagOptions): string[] {
    return mutationFlags(this.major, opts);
  }

  serverDryRunFlags(): string[] {
    return serverDryRunFlags(this.major);
  }

  get hasCheckingPostRenderer(): boolean {
    return hasCheckingPostRenderer(this.major);
  }

  checkingPostRendererFlags(plugin: string): string[] | undefined {
    return checkingPostRendererFlags(this.major, plugin);
  }
}
