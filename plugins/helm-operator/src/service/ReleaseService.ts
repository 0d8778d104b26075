import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ChartSource,
  HelmReleaseStatus,
  HelmValues,
  IngressInfo,
  IngressSpec,
  RecoverReleaseResponse,
  ReleaseOperationResponse,
  UninstallReleaseResponse,
  UpgradeReleaseRequest,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { ReleaseCache } from '../cache/ReleaseCache';
import { MutationQueue } from './MutationQueue';
import { OperationKind } from '../config';
import { KeepDataImpossibleError } from '../errors';
import { FencedRelease } from '../fence';
import { ChartResolver, withVersion } from '../helm/ChartResolver';
import { HelmReleases } from '../helm/HelmReleases';
import { withValuesFile } from '../helm/valuesFile';
import { IngressManager } from '../kube/IngressManager';
import { parseManifest } from '../kube/manifest';
import { ReleaseLocks } from '../kube/ReleaseLocks';
import { ReleaseRecords } from '../kube/ReleaseRecords';
import { pvcsHelmWouldDelete, ReleaseVolumes } from '../kube/ReleaseVolumes';
import { UpdateDryRun } from '../kube/UpdateDryRun';
import { assertUpdatable } from './refusals';
import { secretValuesOf } from '../sanitize';

export interface ReleaseServiceDeps {
  helm: HelmReleases;
  /** Waited for after each mutation, so that a read right after it sees it. */
  cache?: ReleaseCache;
  /** Bounds the helm mutations running at once, fairly per namespace. */
  queue?: MutationQueue;
  charts: ChartResolver;
  locks: ReleaseLocks;
  records: ReleaseRecords;
  ingresses: IngressManager;
  volumes: ReleaseVolumes;
  dryRun: UpdateDryRun;
  timeouts: Record<OperationKind, number>;
  logger: LoggerService;
}

type LockedOperation =
  | 'install'
  | 'upgrade'
  | 'rollback'
  | 'uninstall'
  | 'recover'
  | 'ingress';

/** The helm calls each operation may make, for the length of its lease. */
const HELM_CALLS: Record<LockedOperation, OperationKind[]> = {
  // install and upgrade render a server-side dry run first (the manifest check)
  install: ['diff', 'install'],
  upgrade: ['diff', 'upgrade'],
  rollback: ['rollback'],
  uninstall: ['uninstall'],
  recover: ['rollback', 'uninstall'],
  ingress: [],
};

/** The release as a mutation starts from. */
interface CurrentRelease {
  revision: number;
  status: HelmReleaseStatus;
  chartVersion: string;
  values: Record<string, unknown>;
  manifest: string;
}

/** How long a mutation waits for the watch to deliver what helm wrote. */
const CACHE_SETTLE_MS = 10_000;

export interface InstallInput {
  chart: ChartSource;
  values: HelmValues;
  ingress?: IngressSpec;
}

/**
 * The mutating operations. Each runs under the release's lease (one operation
 * per release across replicas) and is called only with a fenced release.
 */
export class ReleaseService {
  constructor(private readonly deps: ReleaseServiceDeps) {}

  private locked<T>(
    ref: FencedRelease,
    op: LockedOperation,
    fn: () => Promise<T>,
  ) {
    const { timeouts } = this.deps;
    // Long enough for every helm call the operation makes, reads included.
    const seconds = HELM_CALLS[op].reduce(
      (sum, kind) => sum + timeouts[kind],
      3 * timeouts.read,
    );
    const withLock = () => this.deps.locks.withLock(ref, op, seconds, fn);
    // The slot first, then the lease: a lease taken while waiting for a
    // slot could expire before helm even starts.
    const { queue } = this.deps;
    return queue && op !== 'ingress'
      ? queue.run(ref.namespace, withLock)
      : withLock();
  }

  /**
   * The release as it is now, for a mutation under its lease: from the
   * watch cache while it is watching (every mutation settles into it before
   * its lease ends), else from helm. 404 for an unknown release.
   */
  private async current(ref: FencedRelease): Promise<CurrentRelease> {
    const { cache, helm } = this.deps;
    if (cache?.isWatching()) return cache.latest(ref);
    const meta = await helm.metadata(ref);
    const [values, manifest] = await Promise.all([
      helm.userValues(ref),
      helm.manifest(ref),
    ]);
    return { ...meta, chartVersion: meta.version, values, manifest };
  }

  /**
   * Reads come from the watch cache: wait (briefly) until it holds what helm
   * just wrote, so the caller's next read sees its own change. A watch that
   * is down does not fail the mutation: /health says so.
   */
  private async settle(
    ref: FencedRelease,
    condition: (revision?: number, status?: string) => boolean,
  ) {
    const { cache, logger } = this.deps;
    if (!cache) return;
    const seen = await cache.waitFor(
      ref,
      r => condition(r?.revision, r?.status),
      CACHE_SETTLE_MS,
    );
    if (!seen) {
      logger.warn(
        `The release cache did not see the change to ${ref.releaseName} within ${CACHE_SETTLE_MS} ms`,
        { ...ref },
      );
    }
  }

  async install(
    ref: FencedRelease,
    input: InstallInput,
  ): Promise<ReleaseOperationResponse> {
    const { helm, charts, ingresses, records } = this.deps;
    const chart = await charts.resolve(input.chart);
    if (input.ingress) await ingresses.assertHostsFree(ref, input.ingress);
    return this.locked(ref, 'install', async () => {
      const secrets = secretValuesOf(input.values);
      const result = await withValuesFile(input.values, valuesFile =>
        helm.install(ref, { chart, valuesFile, secrets }),
      );
      await records.putChartSource(ref, input.chart);
      await this.settle(
        ref,
        (rev, status) =>
          (rev ?? 0) >= result.revision && status === result.status,
      );
      const ingress = input.ingress
        ? await this.applyIngress(ref, input.ingress).catch(e => {
            // The release is there: say so, and how to finish.
            const err = e as Error;
            err.message = `Release "${ref.releaseName}" was installed (revision ${result.revision}) but its Ingress was not: ${err.message}. Retry with PUT .../ingress`;
            throw err;
          })
        : null;
      this.deps.logger.info(`Installed release ${ref.releaseName}`, {
        ...ref,
        revision: result.revision,
      });
      return { ...ref, ...result, ingress };
    });
  }

  /**
   * helm upgrade. `values` replace the user values; without them the current
   * user values are sent again. The chart is the request's, else the recorded
   * source; its version the request's, else the deployed one.
   */
  async upgrade(
    ref: FencedRelease,
    req: UpgradeReleaseRequest,
  ): Promise<ReleaseOperationResponse> {
    const { helm, charts, records, ingresses } = this.deps;
    return this.locked(ref, 'upgrade', async () => {
      // The Ingress's spec is read now, not after helm: helm does not touch
      // it, and the lease keeps PUT .../ingress out meanwhile.
      const [current, recorded, ingressSpec] = await Promise.all([
        this.current(ref), // 404 for an unknown release
        req.chart ? undefined : records.getChartSource(ref),
        ingresses.currentSpec(ref),
      ]);
      const source = req.chart ?? recorded;
      if (!source) {
        throw new ConflictError(
          `The chart source of release "${ref.releaseName}" is unknown to the operator; send "chart"`,
        );
      }
      const chartSource = withVersion(
        source,
        req.chartVersion ?? (req.chart ? undefined : current.chartVersion),
      );
      const chart = await charts.resolve(chartSource);
      const values = req.values ?? current.values;
      const secrets = secretValuesOf(values);
      const deployed = current.manifest;
      const result = await withValuesFile(values, valuesFile =>
        helm.upgrade(
          ref,
          { chart, valuesFile, secrets },
          {
            force: req.force,
            // --force replaces what cannot be updated: no refusal to predict.
            beforeApply: req.force
              ? undefined
              : async rendered =>
                  assertUpdatable(
                    ref,
                    await this.deps.dryRun.refusals(
                      ref.namespace,
                      deployed,
                      rendered.manifest,
                      secrets,
                    ),
                  ),
          },
        ),
      );
      if (req.chart) await records.putChartSource(ref, chartSource);
      await this.settle(
        ref,
        (rev, status) =>
          (rev ?? 0) >= result.revision && status === result.status,
      );
      const ingress = await this.refreshIngress(ref, ingressSpec);
      this.deps.logger.info(`Upgraded release ${ref.releaseName}`, {
        ...ref,
        revision: result.revision,
      });
      return { ...ref, ...result, ingress };
    });
  }

  async rollback(
    ref: FencedRelease,
    revision: number,
  ): Promise<ReleaseOperationResponse> {
    const { helm } = this.deps;
    return this.locked(ref, 'rollback', async () => {
      const before = await this.current(ref); // 404 first
      await helm.rollback(ref, revision);
      await this.settle(
        ref,
        (rev, status) =>
          (rev ?? 0) > before.revision && !status?.startsWith('pending-'),
      );
      const meta = await this.current(ref);
      const ingress = await this.refreshIngress(
        ref,
        await this.deps.ingresses.currentSpec(ref),
      );
      this.deps.logger.info(
        `Rolled back release ${ref.releaseName} to ${revision}`,
        { ...ref, revision: meta.revision },
      );
      return { ...ref, status: meta.status, revision: meta.revision, ingress };
    });
  }

  /**
   * helm uninstall, the Ingress and the record. PVCs: helm leaves those of
   * StatefulSet claim templates (and charts' PVCs marked keep); they are
   * deleted when deleteData, else kept and listed. A chart PVC helm would
   * delete by itself makes "keep data" impossible: refused (409) before
   * anything is touched.
   */
  async uninstall(
    ref: FencedRelease,
    deleteData: boolean,
  ): Promise<UninstallReleaseResponse> {
    const { helm, ingresses, records, volumes } = this.deps;
    return this.locked(ref, 'uninstall', async () => {
      const objects = parseManifest((await this.current(ref)).manifest);
      const doomed = pvcsHelmWouldDelete(objects);
      if (!deleteData && doomed.length) {
        throw new KeepDataImpossibleError(
          `Release "${
            ref.releaseName
          }" cannot be uninstalled keeping its data: helm deletes its PVC(s) ${doomed.join(
            ', ',
          )} (no helm.sh/resource-policy: keep); retry with deleteData=true`,
        );
      }
      await helm.uninstall(ref);
      await this.settle(ref, rev => rev === undefined);
      const ingressDeleted = await ingresses.delete(ref);
      await records.delete(ref);
      const remaining = await volumes.list(ref, objects);
      if (deleteData) await volumes.delete(ref, remaining);
      this.deps.logger.info(`Uninstalled release ${ref.releaseName}`, {
        ...ref,
        deleteData,
      });
      return {
        ...ref,
        ingressDeleted,
        deletedPvcs: deleteData ? remaining : [],
        retainedPvcs: deleteData ? [] : remaining,
      };
    });
  }

  /**
   * A release left pending-* by an interrupted operation: rolled back to its
   * last good revision, or uninstalled when it never deployed. 409 when it is
   * not stuck (or when an operation holds its lease: then it is not stuck,
   * it is running).
   */
  async recover(ref: FencedRelease): Promise<RecoverReleaseResponse> {
    const { helm } = this.deps;
    return this.locked(ref, 'recover', async () => {
      const meta = await helm.metadata(ref);
      if (!meta.status.startsWith('pending-')) {
        throw new ConflictError(
          `Release "${ref.releaseName}" is ${meta.status}, not stuck in a pending operation`,
        );
      }
      const history = await helm.history(ref);
      // The interrupted operation left the previous good revision "deployed"
      // (helm marks it superseded only on success); "superseded" as a fallback.
      const before = history
        .filter(h => h.revision < meta.revision)
        .sort((a, b) => b.revision - a.revision);
      const good =
        before.find(h => h.status === 'deployed') ??
        before.find(h => h.status === 'superseded');
      this.deps.logger.warn(
        `Recovering release ${ref.releaseName} from ${meta.status}`,
        { ...ref },
      );
      if (!good) {
        await helm.uninstall(ref);
        await this.settle(ref, rev => rev === undefined);
        await this.deps.ingresses.delete(ref);
        await this.deps.records.delete(ref);
        return { ...ref, previousStatus: meta.status, action: 'uninstalled' };
      }
      await helm.rollback(ref, good.revision);
      await this.settle(
        ref,
        (rev, status) => (rev ?? 0) > meta.revision && status !== undefined,
      );
      return {
        ...ref,
        previousStatus: meta.status,
        action: 'rolled-back',
        rolledBackTo: good.revision,
      };
    });
  }

  /** PUT ingress: (re)writes the release's Ingress for a new subdomain or custom domain. */
  async putIngress(
    ref: FencedRelease,
    spec: IngressSpec,
  ): Promise<IngressInfo> {
    await this.deps.ingresses.assertHostsFree(ref, spec);
    return this.locked(ref, 'ingress', async () => {
      await this.current(ref); // 404 when there is no such release
      return this.applyIngress(ref, spec);
    });
  }

  private async applyIngress(ref: FencedRelease, spec: IngressSpec) {
    const objects = parseManifest((await this.current(ref)).manifest);
    return this.deps.ingresses.apply(ref, spec, objects);
  }

  /** After an upgrade or rollback the Service or its port may differ: rebuild the Ingress if there is one. */
  private async refreshIngress(
    ref: FencedRelease,
    spec: IngressSpec | undefined,
  ): Promise<IngressInfo | null> {
    return spec ? this.applyIngress(ref, spec) : null;
  }
}
