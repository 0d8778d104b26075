import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  appTemplateSchema,
  cloudServiceSchema,
  cloudServicesConfigSchema,
  revealedCredentialsSchema,
  revisionListResponseSchema,
  serviceEventListResponseSchema,
  serviceListResponseSchema,
  serviceLiveStatusSchema,
  serviceVolumesSchema,
  serviceMetricsSchema,
  subdomainAvailabilitySchema,
  templateListResponseSchema,
  unmanagedReleaseListResponseSchema,
  updateServiceResponseSchema,
  upgradePreviewSchema,
  workspaceListResponseSchema,
  workspaceMemberSchema,
  workspaceSchema,
  type AddMemberRequest,
  type AdoptReleaseRequest,
  type CreateServiceRequest,
  type CreateWorkspaceRequest,
  type MetricsRange,
  type ReleaseRefRequest,
  type RollbackRequest,
  type UpdateServiceRequest,
  type UpgradePreviewRequest,
  type WorkspaceMember,
  type WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type {
  CloudServicesApi,
  DeleteServiceOptions,
  MetricsResult,
  ServiceEventFilter,
  TemplateQuery,
} from './CloudServicesApi';
import { CloudServicesTransport, Parser } from './CloudServicesTransport';

const enc = encodeURIComponent;

function servicePath(workspaceId: string, serviceId: string) {
  return `/workspaces/${enc(workspaceId)}/services/${enc(serviceId)}`;
}

/** The items of a `{ items: [...] }` list response, parsed by its schema. */
function itemsOf<T>(list: Parser<{ items: T[] }>): Parser<T[]> {
  return { parse: data => list.parse(data).items };
}

/** GET .../members has no list schema in the contract yet. */
const memberListSchema: Parser<{ items: WorkspaceMember[] }> = {
  parse: data => ({
    items: workspaceMemberSchema
      .array()
      .parse((data as { items?: unknown } | undefined)?.items),
  }),
};

/**
 * Talks to the woow-cloud-services backend through Backstage's fetch API
 * (which adds the user's token) and checks every response against the
 * shared zod schemas, so a drifting backend fails loudly here rather than
 * as an undefined deep inside a component.
 */
export class CloudServicesClient implements CloudServicesApi {
  private readonly http: CloudServicesTransport;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** Default: 30 s (DEFAULT_REQUEST_TIMEOUT_MS). */
    timeoutMs?: number;
  }) {
    this.http = new CloudServicesTransport(options);
  }

  getConfig() {
    return this.http.get('/config', cloudServicesConfigSchema);
  }

  listTemplates(query: TemplateQuery = {}) {
    return this.http.get('/templates', itemsOf(templateListResponseSchema), {
      category: query.category,
      search: query.search || undefined,
      tags: query.tags?.length ? query.tags.join(',') : undefined,
    });
  }

  getTemplate(idOrSlug: string) {
    return this.http.get(`/templates/${enc(idOrSlug)}`, appTemplateSchema);
  }

  listWorkspaces() {
    return this.http.get('/workspaces', itemsOf(workspaceListResponseSchema));
  }

  createWorkspace(request: CreateWorkspaceRequest) {
    return this.http.call('POST', '/workspaces', workspaceSchema, {
      body: request,
    });
  }

  getWorkspace(workspaceId: string) {
    return this.http.get(`/workspaces/${enc(workspaceId)}`, workspaceSchema);
  }

  listMembers(workspaceId: string) {
    return this.http.get(
      `/workspaces/${enc(workspaceId)}/members`,
      itemsOf(memberListSchema),
    );
  }

  addMember(workspaceId: string, request: AddMemberRequest) {
    return this.http.call(
      'POST',
      `/workspaces/${enc(workspaceId)}/members`,
      workspaceMemberSchema,
      { body: request },
    );
  }

  async changeMemberRole(
    workspaceId: string,
    userRef: string,
    role: WorkspaceRole,
  ) {
    await this.http.send(
      'PUT',
      `/workspaces/${enc(workspaceId)}/members/${enc(userRef)}`,
      { body: { role } },
    );
  }

  async removeMember(workspaceId: string, userRef: string) {
    await this.http.send(
      'DELETE',
      `/workspaces/${enc(workspaceId)}/members/${enc(userRef)}`,
    );
  }

  listServices(workspaceId: string) {
    return this.http.get(
      `/workspaces/${enc(workspaceId)}/services`,
      itemsOf(serviceListResponseSchema),
    );
  }

  createService(workspaceId: string, request: CreateServiceRequest) {
    return this.http.call(
      'POST',
      `/workspaces/${enc(workspaceId)}/services`,
      cloudServiceSchema,
      { body: request },
    );
  }

  getService(workspaceId: string, serviceId: string) {
    return this.http.get(
      servicePath(workspaceId, serviceId),
      cloudServiceSchema,
    );
  }

  updateService(
    workspaceId: string,
    serviceId: string,
    request: UpdateServiceRequest,
  ) {
    return this.http.callOptional(
      'PATCH',
      servicePath(workspaceId, serviceId),
      updateServiceResponseSchema,
      { body: request },
    );
  }

  async deleteService(
    workspaceId: string,
    serviceId: string,
    options: DeleteServiceOptions,
  ) {
    await this.http.send('DELETE', servicePath(workspaceId, serviceId), {
      query: {
        deleteData: String(options.deleteData),
        version:
          options.version === undefined ? undefined : String(options.version),
      },
    });
  }

  rollbackService(
    workspaceId: string,
    serviceId: string,
    request: RollbackRequest,
  ) {
    return this.http.callOptional(
      'POST',
      `${servicePath(workspaceId, serviceId)}/rollback`,
      cloudServiceSchema,
      { body: request },
    );
  }

  checkCustomDomain(workspaceId: string, serviceId: string) {
    return this.http.call(
      'POST',
      `${servicePath(workspaceId, serviceId)}/custom-domain/check`,
      cloudServiceSchema,
      { body: {} },
    );
  }

  listRevisions(workspaceId: string, serviceId: string) {
    return this.http.get(
      `${servicePath(workspaceId, serviceId)}/revisions`,
      revisionListResponseSchema,
    );
  }

  listEvents(
    workspaceId: string,
    serviceId: string,
    filter: ServiceEventFilter = {},
  ) {
    return this.http.get(
      `${servicePath(workspaceId, serviceId)}/logs`,
      itemsOf(serviceEventListResponseSchema),
      {
        type: filter.type,
        from: filter.from,
        to: filter.to,
        search: filter.search || undefined,
      },
    );
  }

  previewUpgrade(
    workspaceId: string,
    serviceId: string,
    request: UpgradePreviewRequest,
  ) {
    return this.http.call(
      'POST',
      `${servicePath(workspaceId, serviceId)}/preview`,
      upgradePreviewSchema,
      { body: request },
    );
  }

  revealCredentials(workspaceId: string, serviceId: string) {
    return this.http.call(
      'POST',
      `${servicePath(workspaceId, serviceId)}/credentials/reveal`,
      revealedCredentialsSchema,
    );
  }

  getServiceStatus(workspaceId: string, serviceId: string) {
    return this.http.get(
      `${servicePath(workspaceId, serviceId)}/status`,
      serviceLiveStatusSchema,
    );
  }

  getServiceVolumes(workspaceId: string, serviceId: string) {
    return this.http.get(
      `${servicePath(workspaceId, serviceId)}/volumes`,
      serviceVolumesSchema,
    );
  }

  async getMetrics(
    workspaceId: string,
    serviceId: string,
    range: MetricsRange,
  ): Promise<MetricsResult> {
    try {
      const metrics = await this.http.get(
        `${servicePath(workspaceId, serviceId)}/metrics`,
        serviceMetricsSchema,
        { range },
      );
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
    return this.http.get(
      `/subdomains/${enc(subdomain)}/availability`,
      subdomainAvailabilitySchema,
    );
  }

  listUnmanagedReleases() {
    return this.http.get(
      '/admin/unmanaged-releases',
      unmanagedReleaseListResponseSchema,
    );
  }

  async setReleaseIgnored(request: ReleaseRefRequest, ignored: boolean) {
    await this.http.send(
      'POST',
      `/admin/unmanaged-releases/${ignored ? 'ignore' : 'unignore'}`,
      { body: request },
    );
  }

  adoptRelease(request: AdoptReleaseRequest) {
    return this.http.call(
      'POST',
      '/admin/unmanaged-releases/adopt',
      cloudServiceSchema,
      { body: request },
    );
  }
}
