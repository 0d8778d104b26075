import { ConflictError } from '@backstage/errors';
import {
  ChartVersionsResponse,
  ClusterRefusal,
  DiffReleaseRequest,
  DiffReleaseResponse,
  ReleaseInfoResponse,
  ReleaseRevisionsResponse,
  ReleaseStatusResponse,
  NamespaceReleaseStatusesResponse,
  ReleaseTlsResponse,
  ReleaseValuesResponse,
  ReleaseVolumesResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { ReleaseCache } from '../cache/ReleaseCache';
import { CachedRevision, deployedAtOf } from '../helm/releaseSecret';
import { FencedRelease } from '../fence';
import { ChartResolver, withVersion } from '../helm/ChartResolver';
import { ChartVersions } from '../helm/ChartVersions';
import { HelmReleases } from '../helm/HelmReleases';

import { withValuesFile } from '../helm/valuesFile';
import { IngressManager } from '../kube/IngressManager';
import { TlsMode } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { ReleaseRecords } from '../kube/ReleaseRecords';
import { summarizeReleaseState } from '../kube/statusSummary';
import { WorkloadStatusReader } from '../kube/WorkloadStatusReader';
import { UpdateDryRun } from '../kube/UpdateDryRun';
import {
  pvcsHelmWouldDelete,
  volumesSurvivingUninstall,
} from '../kube/ReleaseVolumes';
import { secretValuesOf } from '../sanitize';
import { diffManifests, diffValues } from './diff';

export interface ReleaseQueriesDeps {
  /** Only for the diff's server-side dry run; every read comes from `releases`. */
  helm: HelmReleases;
  releases: ReleaseCache;
  charts: ChartResolver;
  records: ReleaseRecords;
  ingresses: IngressManager;
  workloads: WorkloadStatusReader;
  dryRun: UpdateDryRun;
  chartVersions: ChartVersions;
  tlsMode: TlsMode;
}

/**
 * The read-only operations: no lease, nothing changes. Release data comes
 * from the operator's cache of helm's release Secrets (no helm process).
 */
export class ReleaseQueries {
  constructor(private readonly deps: ReleaseQueriesDeps) {}

  async get(ref: FencedRelease): Promise<ReleaseInfoResponse> {
    const latest = this.deps.releases.latest(ref); // 404 first
    const ingress = await this.deps.ingresses.get(ref);
    return {
      ...ref,
      chart: latest.chart,
      chartVersion: latest.chartVersion,
      appVersion: latest.appVersion,
      revision: latest.revision,
      status: latest.status,
      lastDeployed: deployedAtOf(latest.lastDeployed),
      description: latest.description,
      // '' only when the release has none (a chart without NOTES.txt)
      notes: latest.notes,
      ingress,
    };
  }

  /** Each host of the release's Ingress and its certificate. */
  async tls(ref: FencedRelease): Promise<ReleaseTlsResponse> {
    this.deps.releases.latest(ref); // 404 first
    const domains = await this.deps.ingresses.certificates(ref);
    return { mode: this.deps.tlsMode, domains: domains ?? [] };
  }

  /** Versions of the deployed chart above the deployed one, from its repository's index. */
  async chartVersions(ref: FencedRelease): Promise<ChartVersionsResponse> {
    const latest = this.deps.releases.latest(ref); // 404 first
    const source = await this.deps.records.getChartSource(ref);
    const newer = source
      ? await this.deps.chartVersions.newerThan(
          source,
          latest.chart,
          latest.chartVersion,
        )
      : [];
    return { chart: latest.chart, currentVersion: latest.chartVersion, newer };
  }

  async history(ref: FencedRelease): Promise<ReleaseRevisionsResponse> {
    return {
      ...ref,
      revisions: this.deps.releases.revisions(ref).map(r => ({
        revision: r.revision,
        status: r.status,
        chart: `${r.chart}-${r.chartVersion}`,
        appVersion: r.appVersion,
        updated: r.lastDeployed,
        description: r.description,
      })),
    };
  }

  /** The user-supplied values of the latest revision (secrets included: service callers only). */
  async values(ref: FencedRelease): Promise<ReleaseValuesResponse> {
    const latest = this.deps.releases.latest(ref); // 404 when none
    return { ...ref, revision: latest.revision, values: latest.values };
  }

  /** Workloads found from the release's manifest, their pods, problems, and one state. */
  async status(ref: FencedRelease): Promise<ReleaseStatusResponse> {
    return this.statusOf(ref, this.deps.releases.latest(ref));
  }

  /** The status of every release of a (fenced) namespace: one cache read, no helm process. */
  async namespaceStatuses(
    namespace: string,
  ): Promise<NamespaceReleaseStatusesResponse> {
    const latest = this.deps.releases.latestIn(namespace);
    const releases = await Promise.all(
      latest.map(revision =>
        this.statusOf(
          { namespace, releaseName: revision.releaseName },
          revision,
        ),
      ),
    );
    return { namespace, releases };
  }

  private async statusOf(
    ref: FencedRelease,
    latest: CachedRevision,
  ): Promise<ReleaseStatusResponse> {
    const report = await this.deps.workloads.read(
      ref.namespace,
      this.deps.releases.manifestObjects(latest),
    );
    const { state, message } = summarizeReleaseState(
      latest.status,
      report.workloads,
      report.problems,
    );
    return {
      ...ref,
      state,
      helmStatus: latest.status,
      revision: latest.revision,
      workloads: report.workloads.map(({ observed: _observed, ...w }) => w),
      pods: report.pods,
      problems: report.problems,
      message,
    };
  }

  /** What uninstalling would do to the release's volumes (from its manifest). */
  async volumes(ref: FencedRelease): Promise<ReleaseVolumesResponse> {
    const { releases } = this.deps;
    const objects = releases.manifestObjects(releases.latest(ref));
    const survivingUninstall = volumesSurvivingUninstall(objects);
    const deletedByUninstall = pvcsHelmWouldDelete(objects);
    return {
      ...ref,
      survivingUninstall,
      deletedByUninstall,
      keepDataPossible:
        survivingUninstall.length > 0 && deletedByUninstall.length === 0,
    };
  }

  /**
   * What a PATCH (or a rollback) would change: values and rendered manifests
   * of the deployed revision against the target, secrets masked.
   */
  async diff(
    ref: FencedRelease,
    req: DiffReleaseRequest,
  ): Promise<DiffReleaseResponse> {
    const { helm, releases } = this.deps;
    const current = releases.latest(ref);
    const meta = { revision: current.revision, version: current.chartVersion };
    const fromValues = current.values;
    const fromManifest = current.manifest;
    let toValues: Record<string, unknown>;
    let toManifest: string;
    let label: string;
    let refusals: ClusterRefusal[] = [];
    if ('rollbackRevision' in req) {
      const target = releases.revision(ref, req.rollbackRevision);
      toValues = target.values;
      toManifest = target.manifest;
      label = `revision ${req.rollbackRevision}`;
    } else {
      toValues = req.values ?? fromValues;
      const source = req.chart ?? (await this.deps.records.getChartSource(ref));
      if (!source) {
        throw new ConflictError(
          `The chart source of release "${ref.releaseName}" is unknown to the operator; send "chart"`,
        );
      }
      const chart = await this.deps.charts.resolve(
        withVersion(
          source,
          req.chartVersion ?? (req.chart ? undefined : meta.version),
        ),
      );
      const secrets = secretValuesOf(toValues);
      toManifest = await withValuesFile(toValues, valuesFile =>
        helm.dryRunUpgrade(ref, { chart, valuesFile, secrets }),
      );
      refusals = await this.deps.dryRun.refusals(
        ref.namespace,
        fromManifest,
        toManifest,
        secrets,
      );
      label = 'upgrade';
    }
    const secrets = [
      ...secretValuesOf(fromValues),
      ...secretValuesOf(toValues),
    ];
    const manifestDiff = diffManifests(
      fromManifest,
      toManifest,
      { from: `revision ${meta.revision}`, to: label },
      secrets,
    );
    const values = diffValues(fromValues, toValues);
    const changed =
      manifestDiff !== '' ||
      values.added.length + values.removed.length + values.changed.length > 0;
    return {
      ...ref,
      fromRevision: meta.revision,
      target: 'rollbackRevision' in req ? 'rollback' : 'upgrade',
      values,
      manifestDiff,
      changed,
      refusals,
    };
  }
}
