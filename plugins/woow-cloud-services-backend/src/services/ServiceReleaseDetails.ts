import {
  domainUrl,
  workspaceReadPermission,
  type ChartVersionsResponse,
  type ServiceDomainsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceStore } from '../database/ServiceStore';
import type { OperatorReleaseDetailsApi } from '../operator/OperatorReleaseDetailsClient';
import type { AccessControl, UserCredentials } from './AccessControl';
import { loadService } from './serviceGuards';

/**
 * What viewers may see of a service's release beyond its row: each domain
 * with its certificate and address, and the newer versions of its chart
 * (the Configuration tab offers them as upgrades).
 */
export class ServiceReleaseDetails {
  constructor(
    private readonly deps: {
      services: ServiceStore;
      access: Pick<AccessControl, 'requireWorkspace'>;
      operator: OperatorReleaseDetailsApi;
    },
  ) {}

  /** Empty until the release exists (a pending service has no Ingress yet). */
  async domains(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<ServiceDomainsResponse> {
    const record = await this.load(credentials, workspaceId, serviceId);
    const tls =
      record.state === 'pending'
        ? undefined
        : await this.deps.operator.getReleaseTls(
            record.helmNamespace,
            record.helmReleaseName,
          );
    return {
      mode: tls?.mode ?? 'none',
      domains: (tls?.domains ?? []).map(d => ({ ...d, url: domainUrl(d) })),
    };
  }

  async chartVersions(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<ChartVersionsResponse> {
    const record = await this.load(credentials, workspaceId, serviceId);
    const versions =
      record.state === 'pending'
        ? undefined
        : await this.deps.operator.getChartVersions(
            record.helmNamespace,
            record.helmReleaseName,
          );
    return (
      versions ?? {
        chart: '',
        currentVersion: record.helmChartVersion,
        newer: [],
      }
    );
  }

  private async load(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ) {
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      workspaceReadPermission,
    );
    return loadService(this.deps.services, workspaceId, serviceId);
  }
}
