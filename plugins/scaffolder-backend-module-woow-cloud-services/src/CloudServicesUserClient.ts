import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import {
  appTemplateSchema,
  cloudServiceSchema,
  subdomainAvailabilitySchema,
  updateServiceResponseSchema,
  workspaceListResponseSchema,
  type AppTemplate,
  type CloudService,
  type CreateServiceRequest,
  type RollbackRequest,
  type SubdomainAvailability,
  type UpdateServiceRequest,
  type UpdateServiceResponse,
  type Workspace,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { z } from 'zod';

const PLUGIN_ID = 'woow-cloud-services';
const REQUEST_TIMEOUT_MS = 30_000;

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
 * HTTP client of the Cloud Services backend that calls it on behalf of the
 * user who runs the template: the backend then applies that user's
 * workspace roles, exactly as if they had clicked in the portal.
 */
export class CloudServicesUserClient implements CloudServicesUserApi {
  static factory(deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
  }): CloudServicesUserApiFactory {
    return credentials => new CloudServicesUserClient({ ...deps, credentials });
  }

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      credentials: BackstageCredentials;
      fetch?: typeof fetch;
    },
  ) {}

  async getTemplate(idOrSlug: string) {
    return this.request(appTemplateSchema, `/templates/${enc(idOrSlug)}`);
  }

  async listMyWorkspaces() {
    return (await this.request(workspaceListResponseSchema, '/workspaces'))
      .items;
  }

  async checkSubdomain(subdomain: string) {
    return this.request(
      subdomainAvailabilitySchema,
      `/subdomains/${enc(subdomain)}/availability`,
    );
  }

  async createService(workspaceId: string, body: CreateServiceRequest) {
    return this.request(
      cloudServiceSchema,
      `/workspaces/${enc(workspaceId)}/services`,
      {
        method: 'POST',
        body,
      },
    );
  }

  async getService(workspaceId: string, serviceId: string) {
    return this.request(
      cloudServiceSchema,
      servicePath(workspaceId, serviceId),
    );
  }

  async updateService(
    workspaceId: string,
    serviceId: string,
    body: UpdateServiceRequest,
  ) {
    return this.request(
      updateServiceResponseSchema,
      servicePath(workspaceId, serviceId),
      {
        method: 'PATCH',
        body,
      },
    );
  }

  async rollbackService(
    workspaceId: string,
    serviceId: string,
    body: RollbackRequest,
  ) {
    return this.request(
      cloudServiceSchema,
      `${servicePath(workspaceId, serviceId)}/rollback`,
      { method: 'POST', body },
    );
  }

  async deleteService(
    workspaceId: string,
    serviceId: string,
    options: { deleteData: boolean; version?: number },
  ) {
    const query = new URLSearchParams({
      deleteData: String(options.deleteData),
    });
    if (options.version !== undefined)
      query.set('version', String(options.version));
    await this.request(
      undefined,
      `${servicePath(workspaceId, serviceId)}?${query}`,
      {
        method: 'DELETE',
      },
    );
  }

  private async request<T extends z.ZodType | undefined>(
    schema: T,
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T extends z.ZodType ? z.infer<T> : void> {
    const { discovery, auth, credentials } = this.deps;
    const baseUrl = await discovery.getBaseUrl(PLUGIN_ID);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: PLUGIN_ID,
    });
    const response = await (this.deps.fetch ?? fetch)(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.body !== undefined
          ? { 'Content-Type': 'application/json' }
          : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) throw await toError(response);
    if (!schema) return undefined as any;
    return schema.parse(await response.json()) as any;
  }
}

/**
 * The backend's own message (already sanitized there) in the error type of
 * its status: it ends up in the task log, where "Request failed with 400"
 * would not tell the user which value to fix.
 */
async function toError(response: Response): Promise<Error> {
  const error = await ResponseError.fromResponse(response);
  const message = error.body?.error?.message ?? error.message;
  switch (response.status) {
    case 400:
      return new InputError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new Error(
        `Cloud Services answered ${response.status}: ${message}`,
      );
  }
}

function enc(segment: string) {
  return encodeURIComponent(segment);
}

function servicePath(workspaceId: string, serviceId: string) {
  return `/workspaces/${enc(workspaceId)}/services/${enc(serviceId)}`;
}
