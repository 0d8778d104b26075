import {
  ChartSource,
  chartSourceSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { V1ConfigMap } from '@kubernetes/client-node';
import { KubeClients } from './KubeClients';
import { isConflict, isNotFound, kubeErrorToSafe } from './kubeErrors';
import { managedLabels, operatorObjectName, RELEASE_LABEL } from './labels';

export interface RecordRef {
  namespace: string;
  releaseName: string;
}

/**
 * Where a release's chart comes from (repository URL, OCI reference or local
 * name). helm stores the chart's name and version but not its source, which
 * an upgrade needs: the operator keeps it in the ConfigMap `woow-op-<release>`
 * beside the release. Its version is not authoritative: an upgrade takes the
 * deployed revision's chart version (which a rollback may have changed)
 * unless the request names another.
 */
export class ReleaseRecords {
  constructor(private readonly kube: KubeClients) {}

  async getChartSource(ref: RecordRef): Promise<ChartSource | undefined> {
    try {
      const cm = await this.kube.core.readNamespacedConfigMap({
        name: operatorObjectName(ref.releaseName),
        namespace: ref.namespace,
      });
      const parsed = chartSourceSchema.safeParse(
        JSON.parse(cm.data?.chart ?? 'null'),
      );
      return parsed.success ? parsed.data : undefined;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw kubeErrorToSafe(
        e,
        `Reading the chart source of release "${ref.releaseName}"`,
      );
    }
  }

  async putChartSource(ref: RecordRef, chart: ChartSource): Promise<void> {
    const name = operatorObjectName(ref.releaseName);
    const { namespace } = ref;
    const body: V1ConfigMap = {
      metadata: {
        name,
        namespace,
        labels: managedLabels({ [RELEASE_LABEL]: ref.releaseName }),
      },
      data: { chart: JSON.stringify(chart) },
    };
    const what = `Recording the chart source of release "${ref.releaseName}"`;
    try {
      await this.kube.core.createNamespacedConfigMap({ namespace, body });
    } catch (e) {
      if (!isConflict(e)) throw kubeErrorToSafe(e, what);
      // Only this release's operations (under its lease) write it: no race.
      await this.kube.core
        .replaceNamespacedConfigMap({ name, namespace, body })
        .catch(err => Promise.reject(kubeErrorToSafe(err, what)));
    }
  }

  async delete(ref: RecordRef): Promise<void> {
    try {
      await this.kube.core.deleteNamespacedConfigMap({
        name: operatorObjectName(ref.releaseName),
        namespace: ref.namespace,
      });
    } catch (e) {
      if (!isNotFound(e))
        throw kubeErrorToSafe(e, `Deleting the record of "${ref.releaseName}"`);
    }
  }
}
