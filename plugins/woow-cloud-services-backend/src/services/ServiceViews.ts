import {
  isDnsLabel,
  RESERVED_SUBDOMAINS,
  workspaceReadPermission,
  type CloudService,
  type RevisionListResponse,
  type ServiceEvent,
  type ServiceEventQuery,
  type ServiceLiveStatus,
  type ServiceVolumes,
  type SubdomainAvailability,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { CloudServicesSettings } from '../config';
import type { EventStore } from '../database/EventStore';
import type { ServiceStore } from '../database/ServiceStore';
import type { OperatorApi } from '../operator/OperatorClient';
import type { AccessControl, UserCredentials } from './AccessControl';
import { toCloudService } from './mapping';
import type { Reconciler } from './Reconciler';
import { loadService } from './serviceGuards';

/** Everything viewers may see of a workspace's services. */
export class ServiceViews {
  constructor(
    private readonly deps: {
      services: ServiceStore;
      events: EventStore;
      access: AccessControl;
      operator: OperatorApi;
      reconciler: Reconciler;
      settings: CloudServicesSettings;
    },
  ) {}

  async list(
    credentials: UserCredentials,
    workspaceId: string,
  ): Promise<CloudService[]> {
    await this.read(credentials, workspaceId);
    const records = await this.deps.services.listByWorkspace(workspaceId);
    return records.map(r => toCloudService(r, this.deps.settings.baseDomain));
  }

  async get(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<CloudService> {
    await this.read(credentials, workspaceId);
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    return toCloudService(record, this.deps.settings.baseDomain);
  }

  /** Helm history, newest first; empty before the first install. */
  async revisions(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<RevisionListResponse> {
    await this.read(credentials, workspaceId);
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    let items: RevisionListResponse['items'] = [];
    try {
      const history = await this.deps.operator.listRevisions(
        record.helmNamespace,
        record.helmReleaseName,
      );
      items = history.revisions
        .map(r => ({ ...r, status: r.status as string }))
        .sort((a, b) => b.revision - a.revision);
    } catch (error) {
      if ((error as Error).name !== 'NotFoundError') throw error;
    }
    return { items, currentRevision: record.helmRevision };
  }

  async logs(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
    query: ServiceEventQuery,
  ): Promise<ServiceEvent[]> {
    await this.read(credentials, workspaceId);
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    return this.deps.events.list(record.id, query);
  }

  /** Live workload status for the Overview, straight from the operator. */
  /**
   * What deleting the service does to its data (from the release's manifest,
   * through the operator): the delete dialog offers "keep data" only when
   * the volumes would really survive.
   */
  async volumes(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<ServiceVolumes> {
    await this.read(credentials, workspaceId);
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    const release =
      record.state === 'pending'
        ? undefined
        : await this.deps.operator.getReleaseVolumes(
            record.helmNamespace,
            record.helmReleaseName,
          );
    return {
      serviceId: record.id,
      survivingUninstall: release?.survivingUninstall ?? [],
      deletedByUninstall: release?.deletedByUninstall ?? [],
      keepDataPossible: release?.keepDataPossible ?? false,
    };
  }

  async status(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<ServiceLiveStatus> {
    await this.read(credentials, workspaceId);
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    const release =
      record.state === 'pending'
        ? undefined
        : await this.deps.operator.getStatus(
            record.helmNamespace,
            record.helmReleaseName,
          );
    return {
      serviceId: record.id,
      state: record.state,
      online: release?.state === 'running',
      release: release ?? null,
      message:
        release?.message ??
        (record.state === 'pending'
          ? 'Not installed yet'
          : 'The Helm release does not exist'),
    };
  }

  /** Reconciles the service now instead of at its next scheduled check. */
  async refresh(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<CloudService> {
    await this.read(credentials, workspaceId);
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    const after =
      (await this.deps.reconciler.reconcileService(record.id)) ?? record;
    return toCloudService(after, this.deps.settings.baseDomain);
  }

  async subdomainAvailability(
    subdomain: string,
  ): Promise<SubdomainAvailability> {
    const fqdn = `${subdomain}.${this.deps.settings.baseDomain}`;
    let reason: string | undefined;
    if (!isDnsLabel(subdomain)) {
      reason =
        'must be a DNS label: lower-case letters, digits and "-", starting and ending with a letter or digit';
    } else if (RESERVED_SUBDOMAINS.has(subdomain)) {
      reason = 'is reserved';
    } else if (await this.deps.services.isTaken('subdomain', subdomain)) {
      reason = 'is taken';
    }
    return { subdomain, available: !reason, ...(reason && { reason }), fqdn };
  }

  private async read(credentials: UserCredentials, workspaceId: string) {
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      workspaceReadPermission,
    );
  }
}
