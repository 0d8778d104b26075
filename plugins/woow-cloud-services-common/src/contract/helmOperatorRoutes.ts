import { z } from 'zod';
import {
  backupIdSchema,
  backupListResponseSchema,
  backupResponseSchema,
  createBackupRequestSchema,
  createRestoreRequestSchema,
  restoreResponseSchema,
} from '../schemas/backup';
import { chartVersionsResponseSchema } from '../schemas/chartVersions';
import { podLogsQuerySchema, releasePodsResponseSchema } from '../schemas/logs';
import {
  diffReleaseRequestSchema,
  diffReleaseResponseSchema,
  ensureNamespaceRequestSchema,
  ensureNamespaceResponseSchema,
  ingressInfoSchema,
  ingressSpecSchema,
  installReleaseRequestSchema,
  namespaceChangesQuerySchema,
  namespaceChangesResponseSchema,
  namespaceQuotaUsageResponseSchema,
  namespaceReleaseStatusesResponseSchema,
  operatorHealthResponseSchema,
  recoverReleaseResponseSchema,
  releaseInfoResponseSchema,
  releaseListQuerySchema,
  releaseListResponseSchema,
  releaseOperationResponseSchema,
  releaseRevisionsResponseSchema,
  releaseStatusResponseSchema,
  releaseValuesResponseSchema,
  releaseVolumesResponseSchema,
  rollbackReleaseRequestSchema,
  uninstallReleaseResponseSchema,
  upgradeReleaseRequestSchema,
} from '../schemas/operator';
import { releaseTlsResponseSchema } from '../schemas/tls';
import { defineRoutes } from './routes';

// The fence (plugins/helm-operator/src/fence.ts) says which namespaces and
// names may be touched; the contract only says they are strings.
const namespaceParams = z.object({ namespace: z.string().min(1) });
const releaseParams = namespaceParams.extend({ name: z.string().min(1) });
const backupParams = releaseParams.extend({ id: backupIdSchema });
const release = '/releases/{namespace}/{name}';

/** DELETE /releases/{namespace}/{name} query. */
export const uninstallReleaseQuerySchema = z.strictObject({
  deleteData: z
    .enum(['true', 'false'])
    .optional()
    .describe('also delete the persistent volume claims (default false)'),
});

/**
 * The helm-operator API (`/api/helm-operator`), called by the Cloud Services
 * backend only (service principals). Its router registers its handlers from
 * it and its OpenAPI document is generated from it.
 */
export const helmOperatorRoutes = defineRoutes({
  getHealth: {
    method: 'GET',
    path: '/health',
    summary: 'helm client version and Kubernetes API reachability',
    status: 200,
    response: operatorHealthResponseSchema,
  },
  ensureNamespace: {
    method: 'POST',
    path: '/namespaces',
    summary:
      'Create (idempotently) the namespace paas-ws-{workspaceId} with labels, ResourceQuota and LimitRange',
    body: ensureNamespaceRequestSchema,
    status: 200,
    response: ensureNamespaceResponseSchema,
  },
  getNamespaceQuotaUsage: {
    method: 'GET',
    path: '/namespaces/{namespace}',
    summary:
      "The workspace ResourceQuota's hard limits and usage (exists false when there is none yet)",
    params: namespaceParams,
    status: 200,
    response: namespaceQuotaUsageResponseSchema,
  },
  listNamespaceReleaseStatuses: {
    method: 'GET',
    path: '/namespaces/{namespace}/releases/status',
    summary: 'The status of every release of one workspace namespace',
    params: namespaceParams,
    status: 200,
    response: namespaceReleaseStatusesResponseSchema,
  },
  listNamespaceChanges: {
    method: 'GET',
    path: '/changes',
    summary:
      'The workspace namespaces whose releases, workloads, pods or events changed after a cursor; long poll (waitSeconds) when none did',
    query: namespaceChangesQuerySchema,
    status: 200,
    response: namespaceChangesResponseSchema,
  },
  installRelease: {
    method: 'POST',
    path: '/releases',
    summary: 'helm install, then the Ingress',
    body: installReleaseRequestSchema,
    status: 201,
    response: releaseOperationResponseSchema,
  },
  listReleases: {
    method: 'GET',
    path: '/releases',
    summary:
      'The helm releases of every workspace namespace (or of one), whoever installed them',
    query: releaseListQuerySchema,
    status: 200,
    response: releaseListResponseSchema,
  },
  getRelease: {
    method: 'GET',
    path: release,
    summary: 'One release',
    params: releaseParams,
    status: 200,
    response: releaseInfoResponseSchema,
  },
  upgradeRelease: {
    method: 'PATCH',
    path: release,
    summary: 'helm upgrade (values and/or chart version)',
    params: releaseParams,
    body: upgradeReleaseRequestSchema,
    status: 200,
    response: releaseOperationResponseSchema,
  },
  uninstallRelease: {
    method: 'DELETE',
    path: release,
    summary:
      'helm uninstall, the Ingress removed, volumes kept unless deleteData',
    params: releaseParams,
    query: uninstallReleaseQuerySchema,
    status: 200,
    response: uninstallReleaseResponseSchema,
  },
  rollbackRelease: {
    method: 'POST',
    path: `${release}/rollback`,
    summary: 'helm rollback to a revision',
    params: releaseParams,
    body: rollbackReleaseRequestSchema,
    status: 200,
    response: releaseOperationResponseSchema,
  },
  listReleaseRevisions: {
    method: 'GET',
    path: `${release}/revisions`,
    summary: 'helm history',
    params: releaseParams,
    status: 200,
    response: releaseRevisionsResponseSchema,
  },
  getReleaseValues: {
    method: 'GET',
    path: `${release}/values`,
    summary: 'The user values of the deployed revision (secrets in clear)',
    params: releaseParams,
    status: 200,
    response: releaseValuesResponseSchema,
  },
  getReleaseVolumes: {
    method: 'GET',
    path: `${release}/volumes`,
    summary: "What uninstalling does to the release's volumes",
    params: releaseParams,
    status: 200,
    response: releaseVolumesResponseSchema,
  },
  getReleaseTls: {
    method: 'GET',
    path: `${release}/tls`,
    summary: "The certificate state of each of the release's hosts",
    params: releaseParams,
    status: 200,
    response: releaseTlsResponseSchema,
  },
  listChartVersions: {
    method: 'GET',
    path: `${release}/chart-versions`,
    summary: "Newer versions of the release's chart in its repository",
    params: releaseParams,
    status: 200,
    response: chartVersionsResponseSchema,
  },
  getReleaseStatus: {
    method: 'GET',
    path: `${release}/status`,
    summary: 'Release and workload status',
    params: releaseParams,
    status: 200,
    response: releaseStatusResponseSchema,
  },
  listReleasePods: {
    method: 'GET',
    path: `${release}/pods`,
    summary: 'Pods of the release and their containers',
    params: releaseParams,
    status: 200,
    response: releasePodsResponseSchema,
  },
  streamReleaseLogs: {
    method: 'GET',
    path: `${release}/logs`,
    summary: 'Log lines of one container, as text/plain, followed when asked',
    params: releaseParams,
    query: podLogsQuerySchema,
    status: 200,
    produces: 'text/plain',
  },
  recoverRelease: {
    method: 'POST',
    path: `${release}/recover`,
    summary:
      'Unstick a release left pending-* by an interrupted helm operation',
    params: releaseParams,
    status: 200,
    response: recoverReleaseResponseSchema,
  },
  diffRelease: {
    method: 'POST',
    path: `${release}/diff`,
    summary: 'What an upgrade would change (helm template and dry run)',
    params: releaseParams,
    body: diffReleaseRequestSchema,
    status: 200,
    response: diffReleaseResponseSchema,
  },
  putReleaseIngress: {
    method: 'PUT',
    path: `${release}/ingress`,
    summary:
      "Create or update the release's Ingress (subdomain, custom domain)",
    params: releaseParams,
    body: ingressSpecSchema,
    status: 200,
    response: ingressInfoSchema,
  },
  createBackup: {
    method: 'POST',
    path: `${release}/backups`,
    summary: "Back up the release's volumes now (a restic Job)",
    params: releaseParams,
    body: createBackupRequestSchema,
    status: 202,
    response: backupResponseSchema,
  },
  listBackups: {
    method: 'GET',
    path: `${release}/backups`,
    summary: 'Backups of the release',
    params: releaseParams,
    status: 200,
    response: backupListResponseSchema,
  },
  getBackup: {
    method: 'GET',
    path: `${release}/backups/{id}`,
    summary: 'One backup',
    params: backupParams,
    status: 200,
    response: backupResponseSchema,
  },
  deleteBackup: {
    method: 'DELETE',
    path: `${release}/backups/{id}`,
    summary: 'Forget a backup and its snapshot',
    params: backupParams,
    status: 202,
  },
  createRestore: {
    method: 'POST',
    path: `${release}/restores`,
    summary: 'Restore a backup into the release',
    params: releaseParams,
    body: createRestoreRequestSchema,
    status: 202,
    response: restoreResponseSchema,
  },
  getRestore: {
    method: 'GET',
    path: `${release}/restores/{id}`,
    summary: 'One restore',
    params: backupParams,
    status: 200,
    response: restoreResponseSchema,
  },
});

export type HelmOperatorRoutes = typeof helmOperatorRoutes;
