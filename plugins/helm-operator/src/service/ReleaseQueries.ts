import { ConflictError } from '@backstage/errors';
import {
  DiffReleaseRequest,
  DiffReleaseResponse,
  ReleaseInfoResponse,
  ReleaseRevisionsResponse,
  ReleaseStatusResponse,
} from '@internal/backstage-plugin-woow-cloud-services-common';
import { FencedRelease } from '../fence';
import { ChartResolver, withVersion } from '../helm/ChartResolver';
import { HelmReleases } from '../helm/HelmReleases';
import { withValuesFile } from '../helm/valuesFile';
import { IngressManager } from '../kube/IngressManager';
import { parseManifest } from '../kube/manifest';
import { ReleaseRecords } from '../kube/ReleaseRecords';
import { summarizeReleaseState } from '../kube/statusSummary';
import { WorkloadStatusReader } from '../kube/WorkloadStatusReader';
import { secretValuesOf } from '../sanitize';
import { diffManifests, diffValues } from './diff';

export interface ReleaseQueriesDeps {
  helm: HelmReleases;
  charts: ChartResolver;
  records: ReleaseRecords;
  ingresses: IngressManager;
  workloads: WorkloadStatusReader;
}

/** The read-only operations: no lease, nothing changes. */
export class ReleaseQueries {
  constructor(private readonly deps: ReleaseQueriesDeps) {}

  async get(ref: FencedRelease): Promise<ReleaseInfoResponse> {
    const { helm, ingresses } = this.deps;
    const meta = await helm.metadata(ref); // 404 first, before the other reads
    const [last, notes, ingress] = await Promise.all([
      helm.history(ref, 1),
      helm.notes(ref).catch(() => ''), // charts without NOTES.txt
      ingresses.get(ref),
    ]);
    return {
      ...ref,
      chart: meta.chart,
      chartVersion: meta.version,
      appVersion: meta.appVersion,
      revision: meta.revision,
      status: meta.status,
      lastDeployed: meta.deployedAt,
      description: last[0]?.description ?? '',
      notes,
      ingress,
    };
  }

  async history(ref: FencedRelease): Promise<ReleaseRevisionsResponse> {
    const entries = await this.deps.helm.history(ref);
    return {
      ...ref,
      revisions: entries
        .sort((a, b) => a.revision - b.revision)
        .map(e => ({
          revision: e.revision,
          status: e.status,
          chart: e.chart,
          appVersion: e.app_version ?? '',
          updated: e.updated,
          description: e.description ?? '',
        })),
    };
  }

  /** Workloads found from the release's manifest, their pods, problems, and one state. */
  async status(ref: FencedRelease): Promise<ReleaseStatusResponse> {
    const { helm, workloads } = this.deps;
    const [meta, manifest] = await Promise.all([
      helm.metadata(ref),
      helm.manifest(ref),
    ]);
    const report = await workloads.read(ref.namespace, parseManifest(manifest));
    const { state, message } = summarizeReleaseState(
      meta.status,
      report.workloads,
      report.problems,
    );
    return {
      ...ref,
      state,
      helmStatus: meta.status,
      revision: meta.revision,
      workloads: report.workloads.map(({ observed: _observed, ...w }) => w),
      pods: report.pods,
      problems: report.problems,
      message,
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
    const { helm } = this.deps;
    const meta = await helm.metadata(ref);
    const [fromValues, fromManifest] = await Promise.all([
      helm.userValues(ref),
      helm.manifest(ref),
    ]);
    let toValues: Record<string, unknown>;
    let toManifest: string;
    let label: string;
    if ('rollbackRevision' in req) {
      [toValues, toManifest] = await Promise.all([
        helm.userValues(ref, req.rollbackRevision),
        helm.manifest(ref, req.rollbackRevision),
      ]);
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
    };
  }
}
