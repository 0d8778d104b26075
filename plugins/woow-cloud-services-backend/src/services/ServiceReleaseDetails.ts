import {
  hostUrl,
  workspaceReadPermission,
  type ChartVersionsResponse,
  type ServiceDomainsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceRecord, ServiceStore } from '../database/ServiceStore';
import type { OperatorReleaseDetailsApi } from '../operator/OperatorReleaseDetailsClient';
import type { AccessControl, UserCredentials } from './AccessControl';
import { loadPermittedService } from './serviceGuards';

interface ServiceIds {
  workspaceId: string;
  serviceId: string;
}

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
    ids: ServiceIds,
  ): Promise<ServiceDomainsResponse> {
    const { value: tls } = await this.readRelease(
      credentials,
      ids,
      (ns, name) => this.deps.operator.getReleaseTls(ns, name),
    );
    const mode = tls?.mode ?? 'none';
    return {
      mode,
      domains: (tls?.domains ?? []).map(d => ({
        ...d,
        url: hostUrl(d.host, { mode, tls: d.tls }),
      })),
    };
  }

  async chartVersions(
    credentials: UserCredentials,
    ids: ServiceIds,
  ): Promise<ChartVersionsResponse> {
    const { record, value } = await this.readRelease(
      credentials,
      ids,
      (ns, name) => this.deps.operator.getChartVersions(ns, name),
    );
    return (
      value ?? {
        chart: '',
        currentVersion: record.helmChartVersion,
        newer: [],
      }
    );
  }

  /** The operator's answer about the service's release; none before the first install. */
  private async readRelease<T>(
    credentials: UserCredentials,
    ids: ServiceIds,
    read: (namespace: string, name: string) => Promise<T | undefined>,
  ): Promise<{ record: ServiceRecord; value?: T }> {
    const record = await loadPermittedService(
      this.deps,
      credentials,
      ids,
      workspaceReadPermission,
    );
    if (record.state === 'pending') return { record };
    return {
      record,
      value: await read(record.helmNamespace, record.helmReleaseName),
    };
  }
}
