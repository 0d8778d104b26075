import {
  HelmReleaseStatus,
  helmReleaseStatusSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { OperationKind } from '../config';
import { HelmCli, helmTimeoutFor } from './HelmCli';
import { ResolvedChart } from './ChartResolver';
import { ManifestPolicy, RenderedRelease } from './ManifestPolicy';
import {
  CheckedRun,
  ManifestCheckServer,
  RenderedCheck,
} from './postrender/ManifestCheckServer';
import { HelmListEntry } from './releaseList';

export interface ReleaseRef {
  namespace: string;
  releaseName: string;
}

export interface HelmMetadata {
  chart: string;
  version: string;
  appVersion: string;
  revision: number;
  status: HelmReleaseStatus;
  deployedAt: string;
}

export interface HelmHistoryEntry {
  revision: number;
  updated: string;
  status: HelmReleaseStatus;
  chart: string;
  app_version?: string;
  description?: string;
}

export interface HelmReleasesOptions {
  timeouts: Record<OperationKind, number>;
  historyMax: number;
  waitForReady: boolean;
  rollbackOnFailure: boolean;
  /**
   * Checks what install, upgrade and rollback would apply before they run;
   * unset (helmOperator.checkManifests: false) only the API server guards.
   */
  policy?: ManifestPolicy;
  /**
   * Runs those checks inside the helm run, as its post-renderer (helm 4);
   * unset, they run on a server-side dry run before it.
   */
  manifestChecks?: ManifestCheckServer;
}

export interface ChartChange {
  chart: ResolvedChart;
  valuesFile: string;
  /** Values that must not show in messages. */
  secrets: readonly string[];
}

function toStatus(value: unknown): HelmReleaseStatus {
  const parsed = helmReleaseStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : 'unknown';
}

/** What install and upgrade print with `-o json` (only the parts we read). */
interface HelmReleaseJson {
  version?: number;
  info?: { status?: string };
  manifest?: string;
  hooks?: { manifest?: string }[];
}

/** The helm commands the operator runs, as typed calls. */
export class HelmReleases {
  constructor(
    readonly helm: HelmCli,
    private readonly opts: HelmReleasesOptions,
  ) {}

  private mutation(command: 'install' | 'upgrade' | 'rollback', force = false) {
    return this.helm.mutationFlags({
      command,
      wait: this.opts.waitForReady,
      rollbackOnFailure: this.opts.rollbackOnFailure,
      forceReplace: force,
      helmTimeoutSeconds: helmTimeoutFor(this.opts.timeouts[command]),
    });
  }

  private read(ref: ReleaseRef, args: string[], command: string) {
    return this.helm.run(args, {
      command,
      ...ref,
      timeoutSeconds: this.opts.timeouts.read,
    });
  }

  /** helm's server-side dry run of an install or upgrade: manifest and hooks, nothing persisted. */
  async render(
    ref: ReleaseRef,
    change: ChartChange,
    command: 'install' | 'upgrade',
    label: string = command,
  ): Promise<RenderedRelease> {
    const args =
      command === 'install'
        ? ['install', ref.releaseName, '--skip-crds']
        : ['upgrade', ref.releaseName, '--reset-values'];
    const out = await this.helm.run(
      [
        ...args,
        ...change.chart.args,
        `--values=${change.valuesFile}`,
        '--output=json',
        ...this.helm.serverDryRunFlags(),
      ],
      {
        command: label,
        ...ref,
        chart: change.chart.display,
        secrets: change.secrets,
        timeoutSeconds: this.opts.timeouts.diff,
      },
    );
    const json = JSON.parse(out) as HelmReleaseJson;
    return {
      manifest: json.manifest ?? '',
      hooks: (json.hooks ?? []).map(h => h.manifest ?? ''),
    };
  }

  /**
   * Runs a mutation (`run`, given the extra flags and environment of its helm
   * run) with `check` applied to the manifest and hooks it would apply,
   * before anything is: inside the one helm run as its post-renderer where
   * helm can (checkingPostRendererFlags), else on a server-side dry run
   * before it. No check, no extra work.
   */
  private async checked<T>(
    ref: ReleaseRef,
    change: ChartChange,
    command: 'install' | 'upgrade',
    check: RenderedCheck | undefined,
    run: (extra: {
      args: string[];
      env?: Record<string, string>;
    }) => Promise<T>,
  ): Promise<T> {
    if (!check) return run({ args: [] });
    const { manifestChecks } = this.opts;
    const flags = manifestChecks
      ? this.helm.checkingPostRendererFlags(manifestChecks.plugin)
      : undefined;
    if (manifestChecks && flags) {
      return manifestChecks.guard(check, ({ env }: CheckedRun) =>
        run({ args: flags, env }),
      );
    }
    await check(await this.render(ref, change, command));
    return run({ args: [] });
  }

  /** The manifest policy as a check, or undefined without one (checkManifests: false). */
  private policyCheck(ref: ReleaseRef): RenderedCheck | undefined {
    const { policy } = this.opts;
    if (!policy) return undefined;
    return async rendered =>
      policy.check(ref.namespace, ref.releaseName, rendered);
  }

  async install(ref: ReleaseRef, change: ChartChange) {
    const check = this.policyCheck(ref);
    const out = await this.checked(ref, change, 'install', check, extra =>
      this.helm.run(
        [
          'install',
          ref.releaseName,
          // A chart's crds/ directory is never applied: CRDs are cluster-scoped
          // (the deployer may not create them), a cluster administrator's job.
          '--skip-crds',
          ...change.chart.args,
          `--values=${change.valuesFile}`,
          '--output=json',
          ...this.mutation('install'),
          ...extra.args,
        ],
        {
          command: 'install',
          ...ref,
          chart: change.chart.display,
          secrets: change.secrets,
          timeoutSeconds: this.opts.timeouts.install,
          env: extra.env,
        },
      ),
    );
    const json = JSON.parse(out) as HelmReleaseJson;
    return { status: toStatus(json.info?.status), revision: json.version ?? 1 };
  }

  /**
   * --reset-values: the values file is the release's whole user values, so
   * keys left out of it go back to the chart's defaults (never --reuse-values).
   */
  async upgrade(
    ref: ReleaseRef,
    change: ChartChange,
    opts: {
      force?: boolean;
      /** Runs on the rendered upgrade before anything is applied; throws to refuse it. */
      beforeApply?: (rendered: RenderedRelease) => Promise<void>;
    } = {},
  ) {
    const { beforeApply } = opts;
    const policyCheck = this.policyCheck(ref);
    const check: RenderedCheck | undefined = beforeApply
      ? async rendered => {
          await policyCheck?.(rendered);
          await beforeApply(rendered);
        }
      : policyCheck;
    const out = await this.checked(ref, change, 'upgrade', check, extra =>
      this.helm.run(
        [
          'upgrade',
          ref.releaseName,
          ...change.chart.args,
          `--values=${change.valuesFile}`,
          '--reset-values',
          `--history-max=${this.opts.historyMax}`,
          '--output=json',
          ...this.mutation('upgrade', opts.force),
          ...extra.args,
        ],
        {
          command: 'upgrade',
          ...ref,
          chart: change.chart.display,
          secrets: change.secrets,
          timeoutSeconds: this.opts.timeouts.upgrade,
          env: extra.env,
        },
      ),
    );
    const json = JSON.parse(out) as HelmReleaseJson;
    return { status: toStatus(json.info?.status), revision: json.version ?? 0 };
  }

  /**
   * The manifest the same upgrade would apply, validated by the API server,
   * nothing persisted; refused (403) as the upgrade itself would be.
   */
  async dryRunUpgrade(ref: ReleaseRef, change: ChartChange): Promise<string> {
    const rendered = await this.render(ref, change, 'upgrade', 'diff');
    this.opts.policy?.check(ref.namespace, ref.releaseName, rendered);
    return rendered.manifest;
  }

  async rollback(ref: ReleaseRef, revision: number): Promise<void> {
    const { policy } = this.opts;
    if (policy) {
      // The revision was checked when it was made, unless it predates the
      // check: its stored manifest and hooks are checked again (two reads).
      const [manifest, hooks] = await Promise.all([
        this.manifest(ref, revision),
        this.hooks(ref, revision),
      ]);
      policy.check(ref.namespace, ref.releaseName, {
        manifest,
        hooks: [hooks],
      });
    }
    await this.helm.run(
      [
        'rollback',
        ref.releaseName,
        String(revision),
        `--history-max=${this.opts.historyMax}`,
        ...this.mutation('rollback'),
      ],
      {
        command: 'rollback',
        ...ref,
        timeoutSeconds: this.opts.timeouts.rollback,
      },
    );
  }

  async uninstall(ref: ReleaseRef): Promise<void> {
    await this.helm.run(
      [
        'uninstall',
        ref.releaseName,
        `--timeout=${helmTimeoutFor(this.opts.timeouts.uninstall)}s`,
      ],
      {
        command: 'uninstall',
        ...ref,
        timeoutSeconds: this.opts.timeouts.uninstall,
      },
    );
  }

  async history(ref: ReleaseRef, max?: number): Promise<HelmHistoryEntry[]> {
    const args = ['history', ref.releaseName, '--output=json'];
    if (max) args.push(`--max=${max}`);
    const entries = JSON.parse(
      await this.read(ref, args, 'history'),
    ) as HelmHistoryEntry[];
    return entries.map(e => ({ ...e, status: toStatus(e.status) }));
  }

  async metadata(ref: ReleaseRef): Promise<HelmMetadata> {
    const out = await this.read(
      ref,
      ['get', 'metadata', ref.releaseName, '--output=json'],
      'get metadata',
    );
    const m = JSON.parse(out) as Partial<HelmMetadata>;
    return {
      chart: m.chart ?? '',
      version: m.version ?? '',
      appVersion: m.appVersion ?? '',
      revision: m.revision ?? 0,
      status: toStatus(m.status),
      deployedAt: m.deployedAt ?? '',
    };
  }

  async manifest(ref: ReleaseRef, revision?: number): Promise<string> {
    const args = ['get', 'manifest', ref.releaseName];
    if (revision) args.push(`--revision=${revision}`);
    return this.read(ref, args, 'get manifest');
  }

  /** The user-supplied values of a revision ({} when none: helm prints null). */
  async userValues(
    ref: ReleaseRef,
    revision?: number,
  ): Promise<Record<string, unknown>> {
    const args = ['get', 'values', ref.releaseName, '--output=json'];
    if (revision) args.push(`--revision=${revision}`);
    const parsed = JSON.parse(await this.read(ref, args, 'get values'));
    return parsed && typeof parsed === 'object' ? parsed : {};
  }

  /**
   * The releases of one namespace (latest revision of each, every status), as
   * that namespace's deployer: the operator itself cannot read helm's Secrets.
   */
  async list(namespace: string): Promise<HelmListEntry[]> {
    const out = await this.helm.run(
      [
        'list',
        // Every status but superseded (never the latest revision) and
        // uninstalled (kept history only); helm 4 has no --all.
        '--deployed',
        '--failed',
        '--pending',
        '--uninstalling',
        '--max=10000',
        '--output=json',
      ],
      { command: 'list', namespace, timeoutSeconds: this.opts.timeouts.read },
    );
    const parsed = JSON.parse(out || '[]');
    return Array.isArray(parsed) ? parsed : [];
  }

  async hooks(ref: ReleaseRef, revision?: number): Promise<string> {
    const args = ['get', 'hooks', ref.releaseName];
    if (revision) args.push(`--revision=${revision}`);
    return this.read(ref, args, 'get hooks');
  }
}
