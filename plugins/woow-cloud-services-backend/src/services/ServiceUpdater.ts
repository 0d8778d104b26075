import { NotFoundError } from '@backstage/errors';
import {
  fieldValidationError,
  serviceDeployPermission,
  type UpdateServiceRequest,
  type UpdateServiceResponse,
  type UpgradePreview,
  type UpgradePreviewRequest,
  findPlan,
  type Plan,
  type UserValues,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  UniqueServiceFieldError,
  type ServicePatch,
  type ServiceRecord,
} from '../database/ServiceStore';
import type { TemplateRecord } from '../database/TemplateStore';
import type { OperatorApi } from '../operator/OperatorClient';
import { actorOf, type UserCredentials } from './AccessControl';
import { appliedCustomDomain } from './customDomains/appliedDomain';
import type { CustomDomains } from './customDomains/CustomDomains';
import { ingressSpecFor } from './ingressSpec';
import { chartSourceFor, toCloudService } from './mapping';
import {
  assertFresh,
  assertSettled,
  loadService,
  requireVersion,
} from './serviceGuards';
import type { LifecycleDeps, ServiceLifecycle } from './ServiceLifecycle';
import { REQUEST_LEASE_MS } from './transitions';
import {
  allocationFor,
  planDefaultValues,
  planPatch,
  resolvePlan,
} from './plans';
import { withGeneratedSecrets } from './generatedSecrets';
import {
  applyValueChanges,
  diffStoredValues,
  helmValuesFor,
  splitSecrets,
} from './values';

interface HelmChange {
  values: UserValues;
  /** The new plan, when the request changes it. */
  plan?: Plan;
  /** Keys whose value differs from the current one (secrets included). */
  changedKeys: string[];
  dropped: string[];
  chartVersion: string;
  defaultValues: Record<string, unknown>;
}

/**
 * PATCH of a service: rename (no helm), custom domain (the operator's
 * Ingress), values and/or chart version (helm upgrade); and the preview of
 * such an upgrade.
 */
export class ServiceUpdater {
  constructor(
    private readonly deps: LifecycleDeps & {
      operator: OperatorApi;
      lifecycle: ServiceLifecycle;
      customDomains: CustomDomains;
    },
  ) {}

  async update(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
    request: UpdateServiceRequest,
  ): Promise<UpdateServiceResponse> {
    const version = requireVersion(request.version);
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceDeployPermission,
    );
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    assertFresh(record, version);
    const template = await this.template(record);
    const actor = actorOf(credentials);

    const wantsHelm =
      request.helmValues !== undefined ||
      request.chartVersion !== undefined ||
      (request.plan !== undefined && request.plan !== record.plan);
    const wantsDomain =
      request.customDomain !== undefined &&
      request.customDomain !== record.customDomain;
    if (wantsHelm) assertSettled(record, 'change the configuration');
    if (wantsDomain) {
      assertSettled(record, 'change the domain');
      await this.checkDomain(template, record, request.customDomain ?? null);
    }
    const helm = wantsHelm
      ? this.helmChange(template, record, request)
      : undefined;
    if (helm?.plan) await this.checkPlanQuota(template, record, helm.plan);

    const patch: ServicePatch = {};
    if (request.name !== undefined && request.name !== record.name)
      patch.name = request.name;
    if (wantsDomain) patch.customDomain = request.customDomain ?? null;
    if (helm) {
      const { stored, secrets } = splitSecrets(
        template.valueSpecs,
        helm.values,
      );
      Object.assign(patch, {
        helmValues: stored,
        helmSecrets: this.deps.secrets.seal(record.id, secrets),
        helmChartVersion: helm.chartVersion,
        helmDefaultValues: helm.defaultValues,
        ...(helm.plan && planPatch(template, helm.plan)),
        state: 'upgrading',
        pendingAction: { kind: 'upgrade' },
        statusDetail: 'Upgrading',
        errorMessage: null,
        targetRevision: null,
        attempts: 0,
        operationStartedAt: new Date(),
        nextCheckAt: new Date(Date.now() + REQUEST_LEASE_MS),
      } satisfies ServicePatch);
    }
    if (Object.keys(patch).length === 0) {
      return {
        ...toCloudService(record, this.deps.settings.baseDomain),
        droppedValues: [],
      };
    }
    let updated = await this.write(record, version, patch);
    await this.recordRequest(record, updated, helm, actor);

    // A new custom domain is only stored here; the Ingress serves it once
    // DNS proves it (CustomDomains). A domain served so far stops at once.
    if (wantsDomain) updated = await this.deps.customDomains.start(updated);
    if (
      wantsDomain &&
      this.deps.customDomains.ingressChanged(record, updated)
    ) {
      try {
        await this.deps.operator.setIngress(
          record.helmNamespace,
          record.helmReleaseName,
          ingressSpecFor(template, record.helmReleaseName, {
            subdomain: record.subdomain!,
            customDomain: appliedCustomDomain(updated),
          }),
        );
      } catch (error) {
        await this.deps.lifecycle.restore(
          record,
          updated,
          Object.keys(patch) as Array<keyof ServicePatch>,
        );
        await this.deps.customDomains.restore(
          record.id,
          record.domainVerification,
        );
        throw error;
      }
    }
    if (helm) {
      const result = await this.deps.runner.run(updated, actor);
      if (result.permanentError) {
        const helmFields = Object.keys(patch).filter(
          k => k !== 'name' && k !== 'customDomain',
        );
        await this.deps.lifecycle.restore(
          record,
          result.record,
          helmFields as Array<keyof ServicePatch>,
        );
        throw result.permanentError;
      }
      updated = result.record;
    }
    return {
      ...toCloudService(updated, this.deps.settings.baseDomain),
      droppedValues: helm?.dropped ?? [],
    };
  }

  /** What a PATCH with these values / chart version would change (helm dry run). */
  async preview(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
    request: UpgradePreviewRequest,
  ): Promise<UpgradePreview> {
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceDeployPermission,
    );
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    const template = await this.template(record);
    const helm = this.helmChange(template, record, request);
    const { stored } = splitSecrets(template.valueSpecs, helm.values);
    const changedSecrets = new Set(
      helm.changedKeys.filter(k => typeof stored[k] === 'object'),
    );
    const diff = await this.deps.operator.diffRelease(
      record.helmNamespace,
      record.helmReleaseName,
      {
        values: helmValuesFor(helm.defaultValues, helm.values),
        chart: chartSourceFor(template.helmChart, helm.chartVersion),
      },
    );
    return {
      values: [
        ...(helm.plan
          ? [
              {
                key: 'plan',
                change: 'changed' as const,
                from: record.plan,
                to: helm.plan.id,
              },
            ]
          : []),
        ...diffStoredValues(record.helmValues, stored, changedSecrets),
      ],
      manifestDiff: diff.manifestDiff,
      droppedValues: helm.dropped,
      refusals: diff.refusals,
    };
  }

  /** New user values (validated against the template's specs) and chart version. */
  private helmChange(
    template: TemplateRecord,
    record: ServiceRecord,
    request: Pick<UpdateServiceRequest, 'helmValues' | 'chartVersion' | 'plan'>,
  ): HelmChange {
    const plan = this.planChange(template, record, request.plan);
    const current = this.deps.secrets.userValues(record);
    const result = applyValueChanges(
      template.valueSpecs,
      current,
      request.helmValues ?? {},
    );
    if (!result.ok) throw fieldValidationError(result.errors);
    // A generated secret the service lacks (deployed before its template
    // generated it) is filled in once; a set one is never touched.
    const values = withGeneratedSecrets(
      template.valueSpecs,
      result.values,
      record.helmDefaultValues,
    );
    const chartVersion = request.chartVersion ?? record.helmChartVersion;
    const keys = new Set([...Object.keys(current), ...Object.keys(values)]);
    // A new chart version comes with the template's current defaults; a new
    // plan sets its values over the defaults (its keys replace the old plan's).
    const defaultValues = planDefaultValues(
      chartVersion !== record.helmChartVersion
        ? planDefaultValues(
            template.helmChart.defaultValues,
            findPlan(template, record.plan ?? undefined),
          )
        : record.helmDefaultValues,
      plan,
    );
    return {
      values,
      plan,
      changedKeys: [...keys].filter(k => current[k] !== values[k]).sort(),
      dropped: result.dropped,
      chartVersion,
      defaultValues,
    };
  }

  /** The plan a request changes to; undefined when it keeps the current one. */
  private planChange(
    template: TemplateRecord,
    record: ServiceRecord,
    planId: string | undefined,
  ): Plan | undefined {
    if (planId === undefined || planId === record.plan) return undefined;
    const resolved = resolvePlan(template, planId);
    if ('error' in resolved) throw fieldValidationError([resolved.error]);
    return resolved.plan;
  }

  /** A bigger plan must fit in what the quota has left besides the current one. */
  private async checkPlanQuota(
    template: TemplateRecord,
    record: ServiceRecord,
    plan: Plan,
  ) {
    const next = allocationFor(template, plan);
    await this.deps.quota.assertFits(
      record.workspaceId,
      {
        vcpu: Math.max(0, next.vcpu - record.allocatedVcpu),
        ramGb: Math.max(0, next.ramGb - record.allocatedRamGb),
        storageGb: Math.max(0, next.storageGb - record.allocatedStorageGb),
      },
      `plan ${plan.name} (more than the current one)`,
    );
  }

  private async checkDomain(
    template: TemplateRecord,
    record: ServiceRecord,
    domain: string | null,
  ) {
    if (domain === null) return;
    if (!template.ingressEnabled) {
      throw fieldValidationError([
        {
          field: 'customDomain',
          message: 'cannot be set: this application has no web address',
        },
      ]);
    }
    await this.deps.customDomains.assertAllowed(record, domain);
  }

  private async write(
    record: ServiceRecord,
    version: number,
    patch: ServicePatch,
  ) {
    try {
      return await this.deps.services.update(record.id, version, patch);
    } catch (error) {
      if (
        error instanceof UniqueServiceFieldError &&
        error.column === 'custom_domain'
      ) {
        throw fieldValidationError([
          { field: 'customDomain', message: 'is used by another service' },
        ]);
      }
      throw error;
    }
  }

  private async recordRequest(
    before: ServiceRecord,
    after: ServiceRecord,
    helm: HelmChange | undefined,
    actor: string,
  ) {
    const base = {
      serviceId: before.id,
      workspaceId: before.workspaceId,
      actor,
      result: 'success' as const,
    };
    const events = this.deps.events;
    if (after.name !== before.name) {
      await events.add({
        ...base,
        type: 'rename',
        message: `Renamed from "${before.name}" to "${after.name}"`,
      });
    }
    if (after.customDomain !== before.customDomain) {
      await events.add({
        ...base,
        type: 'domain',
        message: after.customDomain
          ? `Custom domain set to ${after.customDomain}`
          : `Custom domain ${before.customDomain} removed`,
      });
    }
    if (helm) {
      const changed = helm.changedKeys;
      const parts = [
        helm.plan
          ? `plan ${before.plan ?? 'none'} -> ${helm.plan.id}`
          : undefined,
        helm.chartVersion !== before.helmChartVersion
          ? `chart upgraded ${before.helmChartVersion} -> ${helm.chartVersion}`
          : undefined,
        changed.length
          ? `values changed: ${changed.join(', ')}`
          : 'values re-applied',
        helm.dropped.length
          ? `dropped (no longer offered): ${helm.dropped.join(', ')}`
          : undefined,
      ].filter(Boolean);
      await events.add({
        ...base,
        type: 'upgrade',
        fromState: before.state,
        toState: 'upgrading',
        result: 'info',
        message: `Upgrade requested (${parts.join('; ')})`,
      });
    }
  }

  private async template(record: ServiceRecord): Promise<TemplateRecord> {
    const template = await this.deps.templates.getById(record.templateId);
    if (!template)
      throw new NotFoundError(`Template ${record.templateId} not found`);
    return template;
  }
}
