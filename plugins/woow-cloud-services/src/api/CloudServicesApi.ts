import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ChartVersionsResponse,
  ServiceDomainsResponse,
  AddMemberRequest,
  AdoptReleaseRequest,
  AppTemplate,
  CloudService,
  CloudServicesConfig,
  CreateServiceRequest,
  CreateWorkspaceRequest,
  MetricsRange,
  ReleaseRefRequest,
  RevealedCredentials,
  RevisionListResponse,
  RollbackRequest,
  ServiceEvent,
  ServiceEventType,
  ServiceMetrics,
  SubdomainAvailability,
  ServiceLiveStatus,
  ServiceVolumes,
  TemplateCategory,
  UpdateServiceRequest,
  UpdateServiceResponse,
  UpgradePreview,
  UpgradePreviewRequest,
  UnmanagedReleaseListResponse,
  Workspace,
  WorkspaceMember,
  WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** Filters of GET /templates. */
export interface TemplateQuery {
  category?: TemplateCategory;
  search?: string;
  tags?: string[];
}

/** Filters of GET .../logs; `from` and `to` are ISO timestamps. */
export interface ServiceEventFilter {
  type?: ServiceEventType;
  from?: string;
  to?: string;
  search?: string;
}

/**
 * Metrics either arrive, or the backend says it has no Prometheus to ask
 * (503). The second is a normal setup state, not a failure, so it is a
 * value rather than an exception.
 */
export type MetricsResult =
  | { status: 'ok'; metrics: ServiceMetrics }
  | { status: 'unavailable'; message: string };

export interface DeleteServiceOptions {
  /** Also delete the service's persistent volumes (default: keep them). */
  deleteData: boolean;
  /** Keep the service's backups (default); false: the backend deletes them once the uninstall is accepted. */
  keepBackups?: boolean;
  /** The row version the caller read (optimistic locking). */
  version?: number;
}

/** The Woow Cloud Services backend, as the frontend sees it. */
export interface CloudServicesApi {
  getConfig(): Promise<CloudServicesConfig>;

  listTemplates(query?: TemplateQuery): Promise<AppTemplate[]>;
  getTemplate(idOrSlug: string): Promise<AppTemplate>;

  listWorkspaces(): Promise<Workspace[]>;
  createWorkspace(request: CreateWorkspaceRequest): Promise<Workspace>;
  getWorkspace(workspaceId: string): Promise<Workspace>;
  listMembers(workspaceId: string): Promise<WorkspaceMember[]>;
  addMember(
    workspaceId: string,
    request: AddMemberRequest,
  ): Promise<WorkspaceMember>;
  changeMemberRole(
    workspaceId: string,
    userRef: string,
    role: WorkspaceRole,
  ): Promise<void>;
  removeMember(workspaceId: string, userRef: string): Promise<void>;

  listServices(workspaceId: string): Promise<CloudService[]>;
  createService(
    workspaceId: string,
    request: CreateServiceRequest,
  ): Promise<CloudService>;
  getService(workspaceId: string, serviceId: string): Promise<CloudService>;
  /** Resolves to the updated service, or undefined when the backend sent no body. */
  updateService(
    workspaceId: string,
    serviceId: string,
    request: UpdateServiceRequest,
  ): Promise<UpdateServiceResponse | undefined>;
  deleteService(
    workspaceId: string,
    serviceId: string,
    options: DeleteServiceOptions,
  ): Promise<void>;
  rollbackService(
    workspaceId: string,
    serviceId: string,
    request: RollbackRequest,
  ): Promise<CloudService | undefined>;
  /** Checks the service's pending custom domain in DNS now; the service after it. */
  checkCustomDomain(
    workspaceId: string,
    serviceId: string,
  ): Promise<CloudService>;
  /** Helm history, with the revision that is deployed now. */
  listRevisions(
    workspaceId: string,
    serviceId: string,
  ): Promise<RevisionListResponse>;
  listEvents(
    workspaceId: string,
    serviceId: string,
    filter?: ServiceEventFilter,
  ): Promise<ServiceEvent[]>;
  previewUpgrade(
    workspaceId: string,
    serviceId: string,
    request: UpgradePreviewRequest,
  ): Promise<UpgradePreview>;
  getServiceStatus(
    workspaceId: string,
    serviceId: string,
  ): Promise<ServiceLiveStatus>;
  /** What deleting the service does to its data ("keep data" only when possible). */
  getServiceVolumes(
    workspaceId: string,
    serviceId: string,
  ): Promise<ServiceVolumes>;
  /** Each domain of the service with its address and certificate state. */
  getServiceDomains(
    workspaceId: string,
    serviceId: string,
  ): Promise<ServiceDomainsResponse>;
  /** Versions of the service's chart newer than the deployed one. */
  listNewerChartVersions(
    workspaceId: string,
    serviceId: string,
  ): Promise<ChartVersionsResponse>;
  /** The service's credentials (admins and owners; audited by the backend). */
  revealCredentials(
    workspaceId: string,
    serviceId: string,
  ): Promise<RevealedCredentials>;
  getMetrics(
    workspaceId: string,
    serviceId: string,
    range: MetricsRange,
  ): Promise<MetricsResult>;

  checkSubdomain(subdomain: string): Promise<SubdomainAvailability>;

  /** Platform admins: helm releases of workspace namespaces no service knows about. */
  listUnmanagedReleases(): Promise<UnmanagedReleaseListResponse>;
  /** Platform admins: adopts one of them into its workspace as a service. */
  adoptRelease(request: AdoptReleaseRequest): Promise<CloudService>;
  /** Platform admins: leave a release alone (hidden from the list), or list it again. */
  setReleaseIgnored(
    request: ReleaseRefRequest,
    ignored: boolean,
  ): Promise<void>;
}

export const cloudServicesApiRef = createApiRef<CloudServicesApi>().with({
  id: 'plugin.woow-cloud-services.api',
  pluginId: 'woow-cloud-services',
});
