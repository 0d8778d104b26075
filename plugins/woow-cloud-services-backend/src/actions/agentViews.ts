import {
  allSpecs,
  isSensitiveSpec,
  type AppTemplate,
  type CloudService,
  type ServiceLiveStatus,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

// What the actions return, picked field by field from what the API returns
// (which holds no password value): an agent gets no field it was not meant
// to, even if the API's shapes grow.

export function toAgentService(service: CloudService) {
  return {
    id: service.id,
    workspaceId: service.workspaceId,
    name: service.name,
    templateSlug: service.templateSlug,
    state: service.state,
    statusDetail: service.statusDetail,
    errorMessage: service.errorMessage,
    publicUrl: service.publicUrl,
    customDomain: service.customDomain,
    helmRevision: service.helmRevision,
    chartVersion: service.helmChartVersion,
    helmValues: service.helmValues,
    version: service.version,
    createdBy: service.createdBy,
    createdAt: service.createdAt,
    deployedAt: service.deployedAt,
    lastUpgradedAt: service.lastUpgradedAt,
  };
}

export function toAgentTemplate(template: AppTemplate) {
  return {
    id: template.id,
    slug: template.slug,
    name: template.name,
    description: template.description,
    category: template.category,
    tags: template.tags,
    monthlyPrice: template.monthlyPrice,
    chartVersion: template.helmChart.chartVersion,
    valueSpecs: allSpecs(template.valueSpecs).map(spec => ({
      key: spec.key,
      label: spec.label,
      type: spec.type,
      required: spec.required && spec.defaultValue === undefined,
      ...(!isSensitiveSpec(spec) &&
        spec.defaultValue !== undefined && { defaultValue: spec.defaultValue }),
      ...(spec.options && { options: spec.options }),
      ...(spec.min !== undefined && { min: spec.min }),
      ...(spec.max !== undefined && { max: spec.max }),
      ...((spec.patternDescription ?? spec.pattern) && {
        rule: spec.patternDescription ?? spec.pattern,
      }),
      ...(spec.helpText && { help: spec.helpText }),
    })),
  };
}

export function toAgentStatus(status: ServiceLiveStatus) {
  const { release } = status;
  return {
    serviceId: status.serviceId,
    state: status.state,
    online: status.online,
    message: status.message,
    release: release && {
      state: release.state,
      revision: release.revision,
      workloads: release.workloads.map(w => ({
        kind: w.kind,
        name: w.name,
        desired: w.desired,
        ready: w.ready,
      })),
      pods: release.pods.map(p => ({
        name: p.name,
        phase: p.phase,
        ready: p.ready,
        restarts: p.restarts,
        ...(p.reason && { reason: p.reason }),
      })),
      problems: release.problems.map(p => ({
        reason: p.reason,
        object: p.object,
        message: p.message,
      })),
    },
  };
}
