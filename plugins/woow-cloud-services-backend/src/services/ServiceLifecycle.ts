import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  createServiceRequestSchema,
  fieldErrorsFromZod,
  fieldValidationError,
  generatedValueErrors,
  launchSubdomainProblem,
  namespaceFor,
  releaseNameFor,
  serviceDeletePermission,
  serviceDeployPermission,
  userValuesSchema,
  validateUserValues,
  withSpecDefaults,
  type CloudService,
  type FieldError,
  type Plan,
  type ResourceSpec,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { randomUUID } from 'node:crypto';
import type { CloudServicesSettings } from '../config';
import type { EventStore } from '../database/EventStore';
import type { RevisionStore } from '../database/RevisionStore';
import {
  UniqueServiceFieldError,
  type ServicePatch,
  type ServiceRecord,
  type ServiceStore,
} from '../database/ServiceStore';
import type { TemplateRecord, TemplateStore } from '../database/TemplateStore';
import type { WorkspaceStore } from '../database/WorkspaceStore';
import {
  actorOf,
  type AccessControl,
  type UserCredentials,
} from './AccessControl';
import type { ActionRunner } from './ActionRunner';
import type { QuotaCheck } from './QuotaCheck';
import {
  allocationFor,
  planDefaultValues,
  planPatch,
  revisionPlanPatch,
  resolvePlan,
} from './plans';
import { generateReferenceId, maxReferenceIdLength } from './identifiers';
import { limitReached } from './limits';
import { toCloudService } from './mapping';
import {
  assertFresh,
  assertSettled,
  loadService,
  requireVersion,
} from './serviceGuards';
import type { ServiceSecrets } from './serviceSecrets';
import { REQUEST_LEASE_MS } from './transitions';
import { withGeneratedSecrets } from './generatedSecrets';
import { splitSecrets, valueFieldErrors } from './values';

export interface LifecycleDeps {
  services: ServiceStore;
  workspaces: WorkspaceStore;
  quota: QuotaCheck;
  templates: TemplateStore;
  revisions: RevisionStore;
  events: EventStore;
  access: AccessControl;
  runner: ActionRunner;
  secrets: ServiceSecrets;
  settings: CloudServicesSettings;
  logger: LoggerService;
}

/** Fields an operation sets when it starts: it belongs to the request for a while. */
function startOperation() {
  return {
    attempts: 0,
    errorMessage: null,
    targetRevision: null,
    operationStartedAt: new Date(),
    nextCheckAt: new Date(Date.now() + REQUEST_LEASE_MS),
  } satisfies ServicePatch;
}

/** Deploy, roll back and delete services (changes: see ServiceUpdater). */
export class ServiceLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  /**
   * Validates everything first (no row, namespace or release for bad input),
   * then stores the service as `pending` and asks for the install at once;
   * the reconciler retries if the operator cannot be reached.
   */
  async create(
    credentials: UserCredentials,
    workspaceId: string,
    body: unknown,
  ): Promise<CloudService> {
    const { userRef } = await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceDeployPermission,
    );
    const { request, template, plan } = await this.validateCreate(
      workspaceId,
      body,
    );
    const allocation = allocationFor(template, plan);
    await this.checkLimits(workspaceId, template, allocation);
    const specs = template.valueSpecs;
    const { stored, secrets } = splitSecrets(
      specs,
      withGeneratedSecrets(specs, withSpecDefaults(specs, request.helmValues)),
    );
    const id = randomUUID();
    const deploymentId = await this.deps.services.nextDeploymentId();

    let record: ServiceRecord | undefined;
    for (let attempt = 0; !record; attempt++) {
      const referenceId =
        request.referenceId ?? generateReferenceId(template.slug, workspaceId);
      try {
        record = await this.deps.services.insert({
          id,
          workspaceId,
          templateId: template.id,
          name: request.name,
          referenceId,
          deploymentId,
          state: 'pending',
          statusDetail: 'Waiting for the install to be sent to Helm',
          subdomain: request.subdomain ?? null,
          releasedSubdomain: null,
          customDomain: null,
          internalPort: template.defaultPort,
          helmReleaseName: releaseNameFor(workspaceId, referenceId),
          helmNamespace: namespaceFor(workspaceId),
          helmValues: stored,
          helmSecrets: this.deps.secrets.seal(id, secrets),
          helmDefaultValues: planDefaultValues(
            template.helmChart.defaultValues,
            plan,
          ),
          helmRevision: 0,
          helmChartVersion: template.helmChart.chartVersion,
          ...planPatch(template, plan),
          createdBy: userRef,
          deployedAt: null,
          lastUpgradedAt: null,
          pendingAction: { kind: 'install' },
          ...startOperation(),
        });
      } catch (error) {
        if (!(error instanceof UniqueServiceFieldError)) throw error;
        // Lost a race for the name since validation: report it like validation would.
        if (error.column === 'subdomain') {
          throw fieldValidationError([
            { field: 'subdomain', message: 'is taken' },
          ]);
        }
        if (
          error.column !== 'reference_id' ||
          request.referenceId ||
          attempt >= 4
        ) {
          throw fieldValidationError([
            { field: 'referenceId', message: 'is taken' },
          ]);
        }
      }
    }
    await this.deps.events.add({
      serviceId: id,
      workspaceId,
      type: 'create',
      actor: actorOf(credentials),
      toState: 'pending',
      result: 'success',
      message: `Created "${request.name}" from ${template.name}${
        plan ? `, plan ${plan.name},` : ''
      } (chart ${template.helmChart.chartName} ${
        template.helmChart.chartVersion
      }) at ${request.subdomain}.${this.deps.settings.baseDomain}`,
    });
    const { record: after } = await this.deps.runner.run(
      record,
      actorOf(credentials),
    );
    return toCloudService(after, this.deps.settings.baseDomain);
  }

  /**
   * After validation and before anything is stored: the services-per-workspace
   * limit and the namespace's quota. A refusal leaves no row, no namespace
   * and no release.
   */
  private async checkLimits(
    workspaceId: string,
    template: TemplateRecord,
    allocation: ResourceSpec,
  ) {
    const limit = this.deps.settings.limits.servicesPerWorkspace;
    const counts = await this.deps.workspaces.serviceCounts([workspaceId]);
    const count = counts.get(workspaceId) ?? 0;
    if (count >= limit) {
      throw limitReached(
        'servicesPerWorkspace',
        limit,
        `workspace ${workspaceId} already has ${count} services`,
      );
    }
    await this.deps.quota.assertFits(workspaceId, allocation, template.name);
  }

  /** Every field problem of a create request at once, or the parsed request. */
  private async validateCreate(workspaceId: string, body: unknown) {
    const errors: FieldError[] = [];
    const parsed = createServiceRequestSchema.safeParse(body);
    if (!parsed.success) errors.push(...fieldErrorsFromZod(parsed.error));
    const raw = (body ?? {}) as Record<string, unknown>;

    let template: TemplateRecord | undefined;
    if (typeof raw.templateId === 'string' && raw.templateId) {
      template = await this.deps.templates.getByIdOrSlug(raw.templateId);
      if (!template || !template.isActive) {
        errors.push({
          field: 'templateId',
          message: 'is not an available application',
        });
        template = undefined;
      }
    }
    let plan: Plan | undefined;
    if (template) {
      const resolved = resolvePlan(
        template,
        typeof raw.plan === 'string' ? raw.plan : undefined,
      );
      if ('error' in resolved) errors.push(resolved.error);
      else plan = resolved.plan;
    }
    const values = userValuesSchema.safeParse(raw.helmValues ?? {});
    if (template && values.success) {
      errors.push(
        ...valueFieldErrors([
          ...validateUserValues(template.valueSpecs, values.data),
          ...generatedValueErrors(template.valueSpecs, values.data),
        ]),
      );
    }
    const subdomain = parsed.success ? parsed.data.subdomain : undefined;
    const subdomainProblem =
      template && parsed.success
        ? launchSubdomainProblem(template, subdomain)
        : undefined;
    if (subdomainProblem) {
      errors.push({ field: 'subdomain', message: subdomainProblem });
    } else if (
      subdomain &&
      (await this.deps.services.isTaken('subdomain', subdomain))
    ) {
      errors.push({ field: 'subdomain', message: 'is taken' });
    }
    const referenceId = parsed.success ? parsed.data.referenceId : undefined;
    if (referenceId) {
      if (referenceId.length > maxReferenceIdLength(workspaceId)) {
        errors.push({
          field: 'referenceId',
          message: `must be at most ${maxReferenceIdLength(
            workspaceId,
          )} characters in this workspace (release names are limited to 53)`,
        });
      } else if (await this.deps.services.isReferenceIdTaken(referenceId)) {
        errors.push({ field: 'referenceId', message: 'is taken' });
      }
    }
    if (errors.length > 0 || !parsed.success || !template) {
      throw fieldValidationError(errors);
    }
    return { request: parsed.data, template, plan };
  }

  /**
   * Rolls back to an earlier revision. The service's values and plan (with
   * its quota allocation) become that revision's, so the next upgrade starts
   * from what runs.
   */
  async rollback(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
    request: { revision: number; version?: number },
  ): Promise<CloudService> {
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
    assertSettled(record, 'roll back');
    if (request.revision >= record.helmRevision) {
      throw fieldValidationError([
        {
          field: 'revision',
          message: `must be an earlier revision than the current one (${record.helmRevision})`,
        },
      ]);
    }
    const snapshot = await this.deps.revisions.get(record.id, request.revision);
    const template =
      snapshot && (await this.deps.templates.getById(record.templateId));
    const plan = template && revisionPlanPatch(template, snapshot.plan);
    const patch: ServicePatch = {
      state: 'rolling_back',
      pendingAction: { kind: 'rollback', revision: request.revision },
      statusDetail: `Rolling back to revision ${request.revision}`,
      ...startOperation(),
      ...(snapshot && {
        helmValues: snapshot.helmValues,
        helmSecrets: snapshot.helmSecrets,
        helmDefaultValues: snapshot.helmDefaultValues,
        helmChartVersion: snapshot.chartVersion,
      }),
      ...plan,
    };
    const updated = await this.deps.services.update(record.id, version, patch);
    await this.deps.events.add({
      serviceId: record.id,
      workspaceId,
      type: 'rollback',
      actor: actorOf(credentials),
      fromState: record.state,
      toState: 'rolling_back',
      result: 'info',
      message: `Rollback from revision ${record.helmRevision} to revision ${
        request.revision
      } requested${
        snapshot
          ? ''
          : ' (values of that revision unknown here: the current values are kept on record)'
      }${
        snapshot && !plan
          ? ` (plan ${snapshot.plan} of that revision no longer offered: the current plan is kept on record)`
          : ''
      }`,
    });
    const result = await this.deps.runner.run(updated, actorOf(credentials));
    if (result.permanentError) {
      await this.restore(
        record,
        result.record,
        Object.keys(patch) as Array<keyof ServicePatch>,
      );
      throw result.permanentError;
    }
    return toCloudService(result.record, this.deps.settings.baseDomain);
  }

  /** helm uninstall; the row is kept (soft-deleted) with its events. */
  async delete(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
    options: { deleteData: boolean; version?: number },
  ): Promise<CloudService> {
    const version = requireVersion(options.version);
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceDeletePermission,
    );
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    assertFresh(record, version);
    if (record.state === 'deleting') assertSettled(record, 'delete');
    const updated = await this.deps.services.update(record.id, version, {
      state: 'deleting',
      pendingAction: { kind: 'uninstall', deleteData: options.deleteData },
      statusDetail: 'Uninstalling',
      ...startOperation(),
    });
    await this.deps.events.add({
      serviceId: record.id,
      workspaceId,
      type: 'delete',
      actor: actorOf(credentials),
      fromState: record.state,
      toState: 'deleting',
      result: 'info',
      message: `Delete requested; persistent volumes will be ${
        options.deleteData ? 'deleted' : 'kept'
      }`,
    });
    const { record: after, permanentError } = await this.deps.runner.run(
      updated,
      actorOf(credentials),
    );
    if (permanentError) {
      // Refused for good (e.g. keep data where helm deletes the volumes): the
      // service stays as it was and the caller hears why at once.
      await this.restore(record, after, [
        'state',
        'pendingAction',
        'statusDetail',
        'errorMessage',
        'attempts',
        'targetRevision',
        'operationStartedAt',
      ]);
      throw permanentError;
    }
    return toCloudService(after, this.deps.settings.baseDomain);
  }

  /**
   * Puts back the fields an operation changed when the operator refused it
   * outright, so that a refused request changes nothing but the history.
   */
  async restore(
    before: ServiceRecord,
    after: ServiceRecord,
    fields: Array<keyof ServicePatch>,
  ): Promise<void> {
    const patch: Record<string, unknown> = {};
    for (const field of fields)
      patch[field] = before[field as keyof ServiceRecord];
    patch.nextCheckAt = new Date();
    await this.deps.services.update(
      after.id,
      after.version,
      patch as ServicePatch,
    );
    await this.deps.events.add({
      serviceId: before.id,
      workspaceId: before.workspaceId,
      type: 'state_change',
      actor: 'woow-cloud-services',
      fromState: after.state,
      toState: before.state,
      result: 'info',
      message:
        'The operator refused the change; the service was left as it was',
    });
  }
}
