import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ApiClient,
  AddMemberRequest,
  AdoptReleaseRequest,
  CloudServicesRoutes,
  CreateServiceRequest,
  CreateWorkspaceRequest,
  MetricsRange,
  ReleaseRefRequest,
  RollbackRequest,
  UpdateServiceRequest,
  UpgradePreviewRequest,
  WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type {
  CloudServicesApi,
  DeleteServiceOptions,
  MetricsResult,
  ServiceEventFilter,
  TemplateQuery,
} from './CloudServicesApi';
import { createCloudServicesHttp } from './cloudServicesHttp';

/**
 * The CloudServicesApi of the frontend over the shared client of the
 * backend's route table (see createCloudServicesHttp), so a drifting backend
 * fails loudly here rather than as an undefined deep inside a component.
 */
export class CloudServicesClient implements CloudServicesApi {
  private readonly http: ApiClient<CloudServicesRoutes>;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** Default: 30 s (DEFAULT_REQUEST_TIMEOUT_MS). */
    timeoutMs?: number;
  }) {
    this.http = createCloudServicesHttp(options);
  }

  getConfig() {
    return this.http.call('getConfig', {});
  }

  async listTemplates(query: TemplateQuery = {}) {
    const list = await this.http.call('listTemplates', {
      query: {
        category: query.category,
        search: query.search || undefined,
        tags: query.tags?.length ? query.tags.join(',') : undefined,
      },
    });
    return list.items;
  }

  getTemplate(idOrSlug: string) {
    return this.http.call('getTemplate', { params: { templateId: idOrSlug } });
  }

  async listWorkspaces() {
    return (await this.http.call('listWorkspaces', {})).items;
  }

  createWorkspace(request: CreateWorkspaceRequest) {
    return this.http.call('createWorkspace', { body: request });
  }

  getWorkspace(workspaceId: string) {
    return this.http.call('getWorkspace', { params: { workspaceId } });
  }

  async listMembers(workspaceId: string) {
    return (await this.http.call('listMembers', { params: { workspaceId } }))
      .items;
  }

  addMember(workspaceId: string, request: AddMemberRequest) {
    return this.http.call('addMember', {
      params: { workspaceId },
      body: request,
    });
  }

  async changeMemberRole(
    workspaceId: string,
    userRef: string,
    role: WorkspaceRole,
  ) {
    await this.http.call('changeMemberRole', {
      params: { workspaceId, userRef },
      body: { role },
    });
  }

  async removeMember(workspaceId: string, userRef: string) {
    await this.http.call('removeMember', { params: { workspaceId, userRef } });
  }

  async listServices(workspaceId: string) {
    return (await this.http.call('listServices', { params: { workspaceId } }))
      .items;
  }

  createService(workspaceId: string, request: CreateServiceRequest) {
    return this.http.call('createService', {
      params: { workspaceId },
      body: request,
    });
  }

  getService(workspaceId: string, serviceId: string) {
    return this.http.call('getService', {
      params: { workspaceId, serviceId },
    });
  }

  updateService(
    workspaceId: string,
    serviceId: string,
    request: UpdateServiceRequest,
  ) {
    return this.http.call('updateService', {
      params: { workspaceId, serviceId },
      body: request,
    });
  }

  async deleteService(
    workspaceId: string,
    serviceId: string,
    options: DeleteServiceOptions,
  ) {
    await this.http.call('deleteService', {
      params: { workspaceId, serviceId },
      query: {
        deleteData: options.deleteData ? 'true' : 'false',
        keepBackups: options.keepBackups === false ? 'false' : 'true',
        version: options.version,
      },
    });
  }

  rollbackService(
    workspaceId: string,
    serviceId: string,
    request: RollbackRequest,
  ) {
    return this.http.call('rollbackService', {
      params: { workspaceId, serviceId },
      body: request,
    });
  }

  checkCustomDomain(workspaceId: string, serviceId: string) {
    return this.http.call('checkCustomDomain', {
      params: { workspaceId, serviceId },
    });
  }

  listRevisions(workspaceId: string, serviceId: string) {
    return this.http.call('listServiceRevisions', {
      params: { workspaceId, serviceId },
    });
  }

  async listEvents(
    workspaceId: string,
    serviceId: string,
    filter: ServiceEventFilter = {},
  ) {
    const list = await this.http.call('listServiceActivity', {
      params: { workspaceId, serviceId },
      query: {
        type: filter.type,
        from: filter.from,
        to: filter.to,
        search: filter.search || undefined,
      },
    });
    return list.items;
  }

  previewUpgrade(
    workspaceId: string,
    serviceId: string,
    request: UpgradePreviewRequest,
  ) {
    return this.http.call('previewServiceUpgrade', {
      params: { workspaceId, serviceId },
      body: request,
    });
  }

  revealCredentials(workspaceId: string, serviceId: string) {
    return this.http.call('revealServiceCredentials', {
      params: { workspaceId, serviceId },
    });
  }

  getServiceStatus(workspaceId: string, serviceId: string) {
    return this.http.call('getServiceStatus', {
      params: { workspaceId, serviceId },
    });
  }

  getServiceVolumes(workspaceId: string, serviceId: string) {
    return this.http.call('getServiceVolumes', {
      params: { workspaceId, serviceId },
    });
  }

  getServiceDomains(workspaceId: string, serviceId: string) {
    return this.http.call('getServiceDomains', {
      params: { workspaceId, serviceId },
    });
  }

  listNewerChartVersions(workspaceId: string, serviceId: string) {
    return this.http.call('listNewerChartVersions', {
      params: { workspaceId, serviceId },
    });
  }

  async getMetrics(
    workspaceId: string,
    serviceId: string,
    range: MetricsRange,
  ): Promise<MetricsResult> {
    try {
      const metrics = await this.http.call('getServiceMetrics', {
        params: { workspaceId, serviceId },
        query: { range },
      });
      return { status: 'ok', metrics };
    } catch (error) {
      // 503 means "no Prometheus configured": a setup state the UI explains.
      if (ResponseError.is(error) && error.statusCode === 503) {
        return {
          status: 'unavailable',
          message:
            error.body.error?.message ?? 'Metrics are not set up on the server',
        };
      }
      throw error;
    }
  }

  checkSubdomain(subdomain: string) {
    return this.http.call('getSubdomainAvailability', {
      params: { subdomain },
    });
  }

  listUnmanagedReleases() {
    return this.http.call('listUnmanagedReleases', {});
  }

  async setReleaseIgnored(request: ReleaseRefRequest, ignored: boolean) {
    await this.http.call(ignored ? 'ignoreRelease' : 'unignoreRelease', {
      body: request,
    });
  }

  adoptRelease(request: AdoptReleaseRequest) {
    return this.http.call('adoptRelease', { body: request });
  }
}
