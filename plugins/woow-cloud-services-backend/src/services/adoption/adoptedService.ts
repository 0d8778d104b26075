import type { ReleaseSummary } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { NewService } from '../../database/ServiceStore';
import type { TemplateRecord } from '../../database/TemplateStore';
import type { StoredValues } from '../values';
import { stateForHelmStatus } from './unmanagedReleases';

export interface AdoptedServiceInput {
  id: string;
  deploymentId: string;
  workspaceId: string;
  name: string;
  subdomain: string;
  referenceId: string;
  template: TemplateRecord;
  release: ReleaseSummary;
  /** The revision the values were read from. */
  revision: number;
  /** The declared values, passwords masked. */
  helmValues: StoredValues;
  /** The sealed passwords (ServiceSecrets.seal). */
  helmSecrets: string | null;
  /** The release's other user values. */
  otherValues: Record<string, unknown>;
  createdBy: string;
}

/**
 * The row of an adopted release: settled (no pending action), at the
 * release's revision and chart version, in the state its helm status
 * implies; the reconciler checks its workloads on its next pass.
 */
export function adoptedService(input: AdoptedServiceInput): NewService {
  const { template, release } = input;
  const state = stateForHelmStatus(release.status);
  const updated = new Date(release.updated);
  return {
    id: input.id,
    workspaceId: input.workspaceId,
    templateId: template.id,
    name: input.name,
    referenceId: input.referenceId,
    deploymentId: input.deploymentId,
    state,
    errorMessage:
      state === 'error'
        ? `The release was adopted with helm status ${release.status}; upgrade it with corrected values or roll back`
        : null,
    statusDetail: null,
    subdomain: input.subdomain,
    releasedSubdomain: null,
    customDomain: null,
    internalPort: template.defaultPort,
    helmReleaseName: release.releaseName,
    helmNamespace: release.namespace,
    helmValues: input.helmValues,
    helmSecrets: input.helmSecrets,
    // What runs stays as it is: the next upgrade sends these again.
    helmDefaultValues: input.otherValues,
    helmRevision: input.revision,
    helmChartVersion: release.chartVersion,
    allocatedVcpu: template.minResources.vcpu,
    allocatedRamGb: template.minResources.ramGb,
    allocatedStorageGb: template.minResources.storageGb,
    createdBy: input.createdBy,
    deployedAt: Number.isNaN(updated.getTime()) ? new Date() : updated,
    lastUpgradedAt: null,
    pendingAction: null,
    targetRevision: null,
    attempts: 0,
    nextCheckAt: new Date(),
    operationStartedAt: null,
  };
}
