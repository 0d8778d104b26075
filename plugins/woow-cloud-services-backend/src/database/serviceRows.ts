import {
  parseJson,
  toBoolean,
  toDate,
  toNumber,
  toOptionalDate,
} from './columns';
import { domainVerificationFromJoin } from './DomainVerificationStore';
import type { ServicePatch, ServiceRecord } from './ServiceStore';

// Mapping between ServiceRecord fields and cloud_services columns.

const COLUMN_OF: Record<string, string> = {
  templateId: 'template_id',
  name: 'name',
  state: 'state',
  errorMessage: 'error_message',
  statusDetail: 'status_detail',
  subdomain: 'subdomain',
  releasedSubdomain: 'released_subdomain',
  customDomain: 'custom_domain',
  internalPort: 'internal_port',
  helmReleaseName: 'helm_release_name',
  helmNamespace: 'helm_namespace',
  helmValues: 'helm_values',
  helmSecrets: 'helm_secrets',
  helmDefaultValues: 'helm_default_values',
  helmRevision: 'helm_revision',
  helmChartVersion: 'helm_chart_version',
  allocatedVcpu: 'allocated_vcpu',
  allocatedRamGb: 'allocated_ram_gb',
  allocatedStorageGb: 'allocated_storage_gb',
  plan: 'plan',
  deployedAt: 'deployed_at',
  lastUpgradedAt: 'last_upgraded_at',
  deletedAt: 'deleted_at',
  pendingAction: 'pending_action',
  targetRevision: 'target_revision',
  attempts: 'attempts',
  nextCheckAt: 'next_check_at',
  operationStartedAt: 'operation_started_at',
};
const JSON_FIELDS = new Set([
  'helmValues',
  'helmDefaultValues',
  'pendingAction',
]);

export function toColumns(patch: ServicePatch): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const column = COLUMN_OF[field];
    if (!column) throw new Error(`unknown service field ${field}`);
    columns[column] =
      JSON_FIELDS.has(field) && value !== null ? JSON.stringify(value) : value;
  }
  return columns;
}

export function fromRow(row: any): ServiceRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    templateId: row.template_id,
    templateSlug: row.template_slug,
    templateWebUi: toBoolean(row.template_ingress_enabled),
    name: row.name,
    referenceId: row.reference_id,
    deploymentId: row.deployment_id,
    state: row.state,
    errorMessage: row.error_message ?? null,
    statusDetail: row.status_detail ?? null,
    subdomain: row.subdomain ?? null,
    releasedSubdomain: row.released_subdomain ?? null,
    customDomain: row.custom_domain ?? null,
    internalPort: toNumber(row.internal_port),
    helmReleaseName: row.helm_release_name,
    helmNamespace: row.helm_namespace,
    helmValues: parseJson(row.helm_values, {}),
    helmSecrets: row.helm_secrets ?? null,
    helmDefaultValues: parseJson(row.helm_default_values, {}),
    helmRevision: toNumber(row.helm_revision),
    helmChartVersion: row.helm_chart_version,
    allocatedVcpu: toNumber(row.allocated_vcpu),
    allocatedRamGb: toNumber(row.allocated_ram_gb),
    allocatedStorageGb: toNumber(row.allocated_storage_gb),
    plan: row.plan ?? null,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    deployedAt: toOptionalDate(row.deployed_at),
    lastUpgradedAt: toOptionalDate(row.last_upgraded_at),
    deletedAt: toOptionalDate(row.deleted_at),
    version: toNumber(row.version),
    pendingAction: parseJson(row.pending_action, null),
    targetRevision:
      row.target_revision === null || row.target_revision === undefined
        ? null
        : toNumber(row.target_revision),
    attempts: toNumber(row.attempts ?? 0),
    nextCheckAt: toOptionalDate(row.next_check_at),
    operationStartedAt: toOptionalDate(row.operation_started_at),
    domainVerification: domainVerificationFromJoin(row),
  };
}
