import {
  hostUrl,
  type ChartSource,
  type CloudService,
  type HelmChartSpec,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceRecord } from '../database/ServiceStore';
import { verificationView } from './customDomains/appliedDomain';

/**
 * The operator's chart source for a template's chart: `oci://` repositories
 * are full chart references, `local:` names a chart of the operator's local
 * charts directory, anything else is an HTTP(S) chart repository.
 */
export function chartSourceFor(
  chart: Pick<HelmChartSpec, 'repository' | 'chartName'>,
  version: string,
): ChartSource {
  if (chart.repository.startsWith('oci://')) {
    return { ociRef: chart.repository, version };
  }
  if (chart.repository.startsWith('local:')) {
    return {
      localName: chart.repository.slice('local:'.length) || chart.chartName,
      version,
    };
  }
  return { repoUrl: chart.repository, name: chart.chartName, version };
}

/** A service as the API returns it: no secrets, no reconciler bookkeeping. */
export function toCloudService(
  record: ServiceRecord,
  baseDomain: string,
): CloudService {
  const subdomain = record.subdomain ?? record.releasedSubdomain ?? '';
  return {
    id: record.id,
    workspaceId: record.workspaceId,
    templateId: record.templateId,
    templateSlug: record.templateSlug,
    name: record.name,
    referenceId: record.referenceId,
    deploymentId: record.deploymentId,
    state: record.state,
    errorMessage: record.errorMessage,
    statusDetail: record.statusDetail,
    subdomain,
    customDomain: record.customDomain,
    customDomainVerification: verificationView(record, baseDomain),
    webUi: record.templateWebUi,
    // Apps without a web UI get no Ingress, so no address answers. The
    // certificate state is not read here (no operator call per service on
    // lists): the platform's scheme; GET .../domains has each host's truth.
    publicUrl:
      record.templateWebUi && subdomain
        ? hostUrl(`${subdomain}.${baseDomain}`)
        : null,
    internalPort: record.internalPort,
    helmReleaseName: record.helmReleaseName,
    helmNamespace: record.helmNamespace,
    helmValues: record.helmValues,
    helmRevision: record.helmRevision,
    helmChartVersion: record.helmChartVersion,
    allocatedVcpu: record.allocatedVcpu,
    allocatedRamGb: record.allocatedRamGb,
    allocatedStorageGb: record.allocatedStorageGb,
    plan: record.plan ?? null,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    deployedAt: record.deployedAt?.toISOString() ?? null,
    lastUpgradedAt: record.lastUpgradedAt?.toISOString() ?? null,
    version: record.version,
  };
}
