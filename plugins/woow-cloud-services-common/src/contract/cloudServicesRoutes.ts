import { z } from 'zod';
import {
  adoptReleaseRequestSchema,
  releaseRefRequestSchema,
  unmanagedReleaseListResponseSchema,
} from '../schemas/adoption';
import {
  catalogFeedServicesQuerySchema,
  catalogFeedServicesSchema,
  catalogFeedTemplatesSchema,
} from '../schemas/catalogFeed';
import { revealedCredentialsSchema } from '../schemas/connection';
import {
  serviceEventListResponseSchema,
  serviceEventQuerySchema,
} from '../schemas/events';
import { podLogsQuerySchema, releasePodsResponseSchema } from '../schemas/logs';
import { metricsRangeSchema, serviceMetricsSchema } from '../schemas/metrics';
import {
  cloudServiceSchema,
  cloudServicesConfigSchema,
  createServiceRequestSchema,
  deleteServiceQuerySchema,
  revisionListResponseSchema,
  rollbackRequestSchema,
  serviceListResponseSchema,
  serviceLiveStatusSchema,
  serviceVolumesSchema,
  subdomainAvailabilitySchema,
  updateServiceRequestSchema,
  updateServiceResponseSchema,
  upgradePreviewRequestSchema,
  upgradePreviewSchema,
} from '../schemas/service';
import {
  appTemplateSchema,
  deactivateTemplateRequestSchema,
  templateDefinitionSchema,
  templateListQuerySchema,
  templateListResponseSchema,
  updateTemplateRequestSchema,
} from '../schemas/template';
import {
  addMemberRequestSchema,
  changeMemberRoleRequestSchema,
  createWorkspaceRequestSchema,
  userEntityRefSchema,
  workspaceListResponseSchema,
  workspaceMemberListResponseSchema,
  workspaceMemberSchema,
  workspaceMembershipsResponseSchema,
  workspaceSchema,
} from '../schemas/workspace';
import { chartVersionsResponseSchema } from '../schemas/chartVersions';
import { serviceDomainsResponseSchema } from '../schemas/tls';
import {
  backupScheduleResponseSchema,
  backupScheduleSchema,
  deleteAllBackupsResponseSchema,
  restoreBackupRequestSchema,
  serviceBackupListResponseSchema,
  serviceBackupSchema,
  serviceRestoreSchema,
} from '../schemas/backupApi';
import { defineRoutes } from './routes';

const templateParams = z.object({ templateId: z.string().min(1) });
const workspaceParams = z.object({ workspaceId: z.string().min(1) });
const memberParams = workspaceParams.extend({ userRef: userEntityRefSchema });
const serviceParams = workspaceParams.extend({ serviceId: z.string().min(1) });
const backupParams = serviceParams.extend({ backupId: z.string().min(1) });
const svc = '/workspaces/{workspaceId}/services/{serviceId}';
/** Writes may carry the version they were based on as `If-Match` instead of in the body. */
const ifMatch = {
  'If-Match': 'the row version the change is based on, e.g. "3"',
};

/** GET .../metrics query. */
export const serviceMetricsQuerySchema = z.object({
  range: metricsRangeSchema.default('1h'),
});

/**
 * The Cloud Services backend API (`/api/woow-cloud-services`): one entry per
 * route. The backend's routers register their handlers from it, the shared
 * client calls it, and the OpenAPI document (`GET /openapi.json`) is
 * generated from it.
 */
export const cloudServicesRoutes = defineRoutes({
  getConfig: {
    method: 'GET',
    path: '/config',
    summary:
      'Settings the frontend needs: base domain, CNAME target, whether metrics are set up',
    status: 200,
    response: cloudServicesConfigSchema,
  },
  getSubdomainAvailability: {
    method: 'GET',
    path: '/subdomains/{subdomain}/availability',
    summary: 'Whether a subdomain is free, and why not',
    params: z.object({ subdomain: z.string() }),
    status: 200,
    response: subdomainAvailabilitySchema,
  },
  listTemplates: {
    method: 'GET',
    path: '/templates',
    summary: 'The marketplace: templates by category, search text and tags',
    query: templateListQuerySchema,
    status: 200,
    response: templateListResponseSchema,
  },
  createTemplate: {
    method: 'POST',
    path: '/templates',
    summary: 'Add a template (platform admins)',
    body: templateDefinitionSchema,
    status: 201,
    response: appTemplateSchema,
  },
  getTemplate: {
    method: 'GET',
    path: '/templates/{templateId}',
    summary: 'One template, by id or slug',
    params: templateParams,
    status: 200,
    response: appTemplateSchema,
  },
  updateTemplate: {
    method: 'PUT',
    path: '/templates/{templateId}',
    summary: 'Replace a template definition (platform admins)',
    params: templateParams,
    headers: ifMatch,
    body: updateTemplateRequestSchema,
    status: 200,
    response: appTemplateSchema,
  },
  deactivateTemplate: {
    method: 'POST',
    path: '/templates/{templateId}/deactivate',
    summary: 'Hide a template from the marketplace (platform admins)',
    params: templateParams,
    headers: ifMatch,
    body: deactivateTemplateRequestSchema,
    status: 200,
    response: appTemplateSchema,
  },
  listWorkspaces: {
    method: 'GET',
    path: '/workspaces',
    summary: "The caller's workspaces",
    status: 200,
    response: workspaceListResponseSchema,
  },
  createWorkspace: {
    method: 'POST',
    path: '/workspaces',
    summary: 'Create a workspace; the caller becomes its owner',
    body: createWorkspaceRequestSchema,
    status: 201,
    response: workspaceSchema,
  },
  getWorkspace: {
    method: 'GET',
    path: '/workspaces/{workspaceId}',
    summary: 'One workspace',
    params: workspaceParams,
    status: 200,
    response: workspaceSchema,
  },
  listMembers: {
    method: 'GET',
    path: '/workspaces/{workspaceId}/members',
    summary: 'Members of a workspace and their roles',
    params: workspaceParams,
    status: 200,
    response: workspaceMemberListResponseSchema,
  },
  addMember: {
    method: 'POST',
    path: '/workspaces/{workspaceId}/members',
    summary: 'Add a member with a role',
    params: workspaceParams,
    body: addMemberRequestSchema,
    status: 201,
    response: workspaceMemberSchema,
  },
  changeMemberRole: {
    method: 'PUT',
    path: '/workspaces/{workspaceId}/members/{userRef}',
    summary: "Change a member's role",
    params: memberParams,
    body: changeMemberRoleRequestSchema,
    status: 200,
    response: workspaceMemberSchema,
  },
  removeMember: {
    method: 'DELETE',
    path: '/workspaces/{workspaceId}/members/{userRef}',
    summary: 'Remove a member (or leave, on one’s own userRef)',
    params: memberParams,
    status: 204,
  },
  listServices: {
    method: 'GET',
    path: '/workspaces/{workspaceId}/services',
    summary: 'Services of a workspace',
    params: workspaceParams,
    status: 200,
    response: serviceListResponseSchema,
  },
  createService: {
    method: 'POST',
    path: '/workspaces/{workspaceId}/services',
    summary:
      'Launch a template: the service is created pending and deployed in the background',
    params: workspaceParams,
    body: createServiceRequestSchema,
    bodyParsedByHandler: true,
    status: 201,
    response: cloudServiceSchema,
  },
  getService: {
    method: 'GET',
    path: svc,
    summary: 'One service (ETag: its version)',
    params: serviceParams,
    status: 200,
    response: cloudServiceSchema,
  },
  updateService: {
    method: 'PATCH',
    path: svc,
    summary:
      'Rename, set the custom domain, or upgrade (values, chart version, plan)',
    params: serviceParams,
    headers: ifMatch,
    body: updateServiceRequestSchema,
    status: 200,
    response: updateServiceResponseSchema,
  },
  deleteService: {
    method: 'DELETE',
    path: svc,
    summary: 'Uninstall the service, keeping or deleting its data',
    params: serviceParams,
    headers: ifMatch,
    query: deleteServiceQuerySchema,
    status: 202,
    response: cloudServiceSchema,
  },
  rollbackService: {
    method: 'POST',
    path: `${svc}/rollback`,
    summary: 'Roll back to an earlier revision',
    params: serviceParams,
    headers: ifMatch,
    body: rollbackRequestSchema,
    status: 200,
    response: cloudServiceSchema,
  },
  listServiceRevisions: {
    method: 'GET',
    path: `${svc}/revisions`,
    summary: 'Helm revisions of the service, newest first',
    params: serviceParams,
    status: 200,
    response: revisionListResponseSchema,
  },
  listServiceActivity: {
    method: 'GET',
    path: `${svc}/logs`,
    summary: 'Activity of the service (events), newest first',
    params: serviceParams,
    query: serviceEventQuerySchema,
    status: 200,
    response: serviceEventListResponseSchema,
  },
  previewServiceUpgrade: {
    method: 'POST',
    path: `${svc}/preview`,
    summary: 'What an upgrade would change, without applying it',
    params: serviceParams,
    body: upgradePreviewRequestSchema,
    status: 200,
    response: upgradePreviewSchema,
  },
  getServiceVolumes: {
    method: 'GET',
    path: `${svc}/volumes`,
    summary: 'What deleting does to the service’s volumes',
    params: serviceParams,
    status: 200,
    response: serviceVolumesSchema,
  },
  getServiceStatus: {
    method: 'GET',
    path: `${svc}/status`,
    summary: 'Live status of the release and its workloads',
    params: serviceParams,
    status: 200,
    response: serviceLiveStatusSchema,
  },
  refreshService: {
    method: 'POST',
    path: `${svc}/refresh`,
    summary:
      'Read the release status now instead of waiting for the reconciler',
    params: serviceParams,
    status: 200,
    response: cloudServiceSchema,
  },
  getServiceDomains: {
    method: 'GET',
    path: `${svc}/domains`,
    summary:
      'Each domain of the service with its address and the state of its TLS certificate',
    params: serviceParams,
    status: 200,
    response: serviceDomainsResponseSchema,
  },
  listNewerChartVersions: {
    method: 'GET',
    path: `${svc}/chart-versions`,
    summary:
      'Versions of the service’s chart newer than the deployed one, from the chart repository',
    params: serviceParams,
    status: 200,
    response: chartVersionsResponseSchema,
  },
  listServiceBackups: {
    method: 'GET',
    path: `${svc}/backups`,
    summary:
      "The service's backups, newest first, and the workspace's backup usage",
    params: serviceParams,
    status: 200,
    response: serviceBackupListResponseSchema,
  },
  createServiceBackup: {
    method: 'POST',
    path: `${svc}/backups`,
    summary: "Back up the service's volumes now (admins and owners)",
    params: serviceParams,
    status: 202,
    response: serviceBackupSchema,
  },
  deleteAllServiceBackups: {
    method: 'DELETE',
    path: `${svc}/backups`,
    summary:
      'Delete every backup of the service (also once the service is gone)',
    params: serviceParams,
    status: 200,
    response: deleteAllBackupsResponseSchema,
  },
  deleteServiceBackup: {
    method: 'DELETE',
    path: `${svc}/backups/{backupId}`,
    summary: 'Delete one backup',
    params: backupParams,
    status: 204,
  },
  restoreServiceBackup: {
    method: 'POST',
    path: `${svc}/backups/{backupId}/restore`,
    summary: 'Restore a backup into the same service or as a new one',
    params: backupParams,
    body: restoreBackupRequestSchema,
    status: 202,
    response: serviceRestoreSchema,
  },
  getBackupSchedule: {
    method: 'GET',
    path: `${svc}/backup-schedule`,
    summary: "The service's backup schedule",
    params: serviceParams,
    status: 200,
    response: backupScheduleResponseSchema,
  },
  putBackupSchedule: {
    method: 'PUT',
    path: `${svc}/backup-schedule`,
    summary: "Set the service's backup schedule (admins and owners)",
    params: serviceParams,
    body: backupScheduleSchema,
    status: 200,
    response: backupScheduleResponseSchema,
  },
  checkCustomDomain: {
    method: 'POST',
    path: `${svc}/custom-domain/check`,
    summary: 'Check the custom domain’s DNS proof now',
    params: serviceParams,
    status: 200,
    response: cloudServiceSchema,
  },
  getServiceMetrics: {
    method: 'GET',
    path: `${svc}/metrics`,
    summary:
      'CPU, memory, disk, network and connections over a range (503 when no Prometheus is set up)',
    params: serviceParams,
    query: serviceMetricsQuerySchema,
    status: 200,
    response: serviceMetricsSchema,
  },
  listServicePods: {
    method: 'GET',
    path: `${svc}/pods`,
    summary: 'Pods of the release and their containers',
    params: serviceParams,
    status: 200,
    response: releasePodsResponseSchema,
  },
  streamServicePodLogs: {
    method: 'GET',
    path: `${svc}/pod-logs`,
    summary: 'Log lines of one container, as text/plain, followed when asked',
    params: serviceParams,
    query: podLogsQuerySchema,
    status: 200,
    produces: 'text/plain',
  },
  revealServiceCredentials: {
    method: 'POST',
    path: `${svc}/credentials/reveal`,
    summary:
      'The service’s connection secrets in clear (audited, never cached)',
    params: serviceParams,
    status: 200,
    response: revealedCredentialsSchema,
  },
  listCatalogFeedTemplates: {
    method: 'GET',
    path: '/catalog-feed/templates',
    summary: 'Every active template (service principals only)',
    status: 200,
    response: catalogFeedTemplatesSchema,
  },
  listCatalogFeedServices: {
    method: 'GET',
    path: '/catalog-feed/services',
    summary:
      'Every live service of every workspace, or (with since) those changed and deleted since a cursor (service principals only)',
    query: catalogFeedServicesQuerySchema,
    status: 200,
    response: catalogFeedServicesSchema,
  },
  listWorkspaceMemberships: {
    method: 'GET',
    path: '/permission-feed/memberships',
    summary: 'The workspaces one user belongs to (service principals only)',
    query: z.object({ userRef: userEntityRefSchema }),
    status: 200,
    response: workspaceMembershipsResponseSchema,
  },
  listUnmanagedReleases: {
    method: 'GET',
    path: '/admin/unmanaged-releases',
    summary:
      'Helm releases in workspace namespaces that no service manages (platform admins)',
    status: 200,
    response: unmanagedReleaseListResponseSchema,
  },
  adoptRelease: {
    method: 'POST',
    path: '/admin/unmanaged-releases/adopt',
    summary: 'Put an unmanaged release under a workspace’s control',
    body: adoptReleaseRequestSchema,
    status: 201,
    response: cloudServiceSchema,
  },
  ignoreRelease: {
    method: 'POST',
    path: '/admin/unmanaged-releases/ignore',
    summary: 'Leave an unmanaged release alone',
    body: releaseRefRequestSchema,
    status: 204,
  },
  unignoreRelease: {
    method: 'POST',
    path: '/admin/unmanaged-releases/unignore',
    summary: 'List an ignored release again',
    body: releaseRefRequestSchema,
    status: 204,
  },
});

export type CloudServicesRoutes = typeof cloudServicesRoutes;
