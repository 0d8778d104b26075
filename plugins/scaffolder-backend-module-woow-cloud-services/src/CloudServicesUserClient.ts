import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  cloudServicesRoutes,
  createPluginApiClient,
  type ApiClient,
  type AppTemplate,
  type CloudService,
  type CloudServicesRoutes,
  type CreateServiceRequest,
  type RollbackRequest,
  type SubdomainAvailability,
  type UpdateServiceRequest,
  type UpdateServiceResponse,
  type Workspace,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** The Cloud Services API calls the actions make. */
export interface CloudServicesUserApi {
  getTemplate(idOrSlug: string): Promise<AppTemplate>;
  listMyWorkspaces(): Promise<Workspace[]>;
  checkSubdomain(subdomain: string): Promise<SubdomainAvailability>;
  createService(
    workspaceId: string,
    body: CreateServiceRequest,
  ): Promise<CloudService>;
  getService(workspaceId: string, serviceId: string): Promise<CloudService>;
  updateService(
    workspaceId: string,
    serviceId: string,
    body: UpdateServiceRequest,
  ): Promise<UpdateServiceResponse>;
  rollbackService(
    workspaceId: string,
    serviceId: string,
    body: RollbackRequest,
  ): Promise<CloudService>;
  deleteService(
    workspaceId: string,
    serviceId: string,
    options: { deleteData: boolean; version?: number },
  ): Promise<void>;
}

/** Makes an API client that acts as the given (initiating) user. */
export type CloudServicesUserApiFactory = (
  credentials: BackstageCredentials,
) => CloudServicesUserApi;

/**
 * The Cloud Services backend's client (the route table's ApiClient), called
 * on behalf of the user who runs the template: the backend then applies
 * that user's workspace roles, exactly as if they had clicked in the
 * portal. Failed calls carry the backend's own (sanitized) message in the
 * error type of their status: it ends up in the task log, where it tells
 * the user which value to fix.
 */
export class CloudServicesUserClient implements CloudServicesUserApi {
  static factory(deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
  }): CloudServicesUserApiFactory {
    return credentials => new CloudServicesUserClient({ ...deps, credentials });
  }

  private readonly http: ApiClient<CloudServicesRoutes>;

  constructor(deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    credentials: BackstageCredentials;
    fetch?: typeof fetch;
  }) {
    this.http = createPluginApiClient(
      cloudServicesRoutes,
      { pluginId: 'woow-cloud-services', apiName: 'Cloud Services' },
      { ...deps, onBehalfOf: async () => deps.credentials },
    );
  }

  async getTemplate(idOrSlug: string) {
    return this.http.call('getTemplate', { params: { templateId: idOrSlug } });
  }

  async listMyWorkspaces() {
    return (await this.http.call('listWorkspaces', {})).items;
  }

  async checkSubdomain(subdomain: string) {
    return this.http.call('getSubdomainAvailability', {
      params: { subdomain },
    });
  }

  async createService(workspaceId: string, body: CreateServiceRequest) {
    return this.http.call('createService', { params: { workspaceId }, body });
  }

  async getService(workspaceId: string, serviceId: string) {
    return this.http.call('getService', {
      params: { workspaceId, serviceId },
    });
  }

  async updateService(
    workspaceId: string,
    serviceId: string,
    body: UpdateServiceRequest,
  ) {
    return this.http.call('updateService', {
      params: { workspaceId, serviceId },
      body,
    });
  }

  async rollbackService(
    workspaceId: string,
    serviceId: string,
    body: RollbackRequest,
  ) {
    return this.http.call('rollbackService', {
      params: { workspaceId, serviceId },
      body,
    });
  }

  async deleteService(
    workspaceId: string,
    serviceId: string,
    options: { deleteData: boolean; version?: number },
  ) {
    await this.http.call('deleteService', {
      params: { workspaceId, serviceId },
      query: {
        deleteData: options.deleteData ? 'true' : 'false',
        version: options.version,
      },
    });
  }
}
