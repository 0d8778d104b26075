import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  adoptReleaseRequestSchema,
  releaseRefRequestSchema,
  fieldErrorsFromZod,
  fieldValidationError,
  releaseAdoptPermission,
  type CloudService,
  type ReleaseSummary,
  type UnmanagedReleaseListResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { randomUUID } from 'node:crypto';
import type { CloudServicesSettings } from '../../config';
import type { EventStore } from '../../database/EventStore';
import type { IgnoredReleaseStore } from '../../database/IgnoredReleaseStore';
import type { RevisionStore } from '../../database/RevisionStore';
import {
  UniqueServiceFieldError,
  type ServiceStore,
} from '../../database/ServiceStore';
import type {
  TemplateRecord,
  TemplateStore,
} from '../../database/TemplateStore';
import type { WorkspaceStore } from '../../database/WorkspaceStore';
import type { OperatorApi } from '../../operator/OperatorClient';
import {
  actorOf,
  type AccessControl,
  type UserCredentials,
} from '../AccessControl';
import { toCloudService } from '../mapping';
import { ingressSpecFor } from '../ingressSpec';
import type { ServiceSecrets } from '../serviceSecrets';
import { splitSecrets } from '../values';
import { adoptedService } from './adoptedService';
import {
  adoptedValueProblems,
  adoptedValues,
  adoptionNameProblems,
  adoptionBlocker,
  matchTemplate,
  referenceIdOf,
  releaseKey,
  unmanagedReleases,
  workspaceIdOf,
} from './unmanagedReleases';

export interface ReleaseAdoptionDeps {
  services: ServiceStore;
  templates: TemplateStore;
  workspaces: WorkspaceStore;
  revisions: RevisionStore;
  events: EventStore;
  ignored: IgnoredReleaseStore;
  access: AccessControl;
  operator: OperatorApi;
  secrets: ServiceSecrets;
  settings: CloudServicesSettings;
  logger: LoggerService;
}

/**
 * Releases in workspace namespaces that no service knows about, for
 * platform admins (`woow.release.adopt`): listed, and adopted into their
 * workspace as a service that is then managed like any other.
 */
export class ReleaseAdoption {
  constructor(private readonly deps: ReleaseAdoptionDeps) {}

  async list(
    credentials: UserCredentials,
  ): Promise<UnmanagedReleaseListResponse> {
    await this.deps.access.requireBasic(credentials, releaseAdoptPermission);
    const [inventory, live, templates, ignoredAll] = await Promise.all([
      this.deps.operator.listReleases(),
      this.deps.services.listLive(),
      this.deps.templates.list(),
      this.deps.ignored.list(),
    ]);
    const known = new Set(
      live.map(s => releaseKey(s.helmNamespace, s.helmReleaseName)),
    );
    const present = new Set(
      inventory.items
        .map(r => releaseKey(r.namespace, r.releaseName))
        .filter(key => !known.has(key)),
    );
    // Left alone and still there (an entry whose release went away is moot).
    const ignored = ignoredAll.filter(i =>
      present.has(releaseKey(i.namespace, i.releaseName)),
    );
    const hidden = new Set([
      ...known,
      ...ignored.map(i => releaseKey(i.namespace, i.releaseName)),
    ]);
    const workspaceIds = [
      ...new Set(inventory.items.map(r => workspaceIdOf(r.namespace))),
    ];
    const existing = await Promise.all(
      workspaceIds.map(async id =>
        (await this.deps.workspaces.exists(id)) ? id : undefined,
      ),
    );
    return {
      items: unmanagedReleases(
        inventory.items,
        hidden,
        templates,
        new Set(existing.filter((id): id is string => Boolean(id))),
      ),
      ignored,
      unreadableNamespaces: inventory.unreadableNamespaces,
    };
  }

  /** "Leave it": the release no longer shows in the list (until unignored). */
  async ignore(credentials: UserCredentials, body: unknown): Promise<void> {
    await this.deps.access.requireBasic(credentials, releaseAdoptPermission);
    const { namespace, releaseName } = this.parseRef(body);
    const live = await this.deps.services.listLive();
    if (
      live.some(
        s => s.helmNamespace === namespace && s.helmReleaseName === releaseName,
      )
    ) {
      throw new ConflictError(
        `Release "${releaseName}" in "${namespace}" is managed by a service; there is nothing to leave alone`,
      );
    }
    await this.deps.ignored.add(
      namespace,
      releaseName,
      credentials.principal.userEntityRef,
    );
  }

  /** Shows a release left alone in the list again. */
  async unignore(credentials: UserCredentials, body: unknown): Promise<void> {
    await this.deps.access.requireBasic(credentials, releaseAdoptPermission);
    const { namespace, releaseName } = this.parseRef(body);
    await this.deps.ignored.remove(namespace, releaseName);
  }

  private parseRef(body: unknown) {
    const parsed = releaseRefRequestSchema.safeParse(body);
    if (!parsed.success)
      throw fieldValidationError(fieldErrorsFromZod(parsed.error));
    return parsed.data;
  }

  /**
   * Creates the service record of an existing release: its values read back
   * from helm (passwords encrypted), its revision, the state its helm status
   * implies; helm is not run. The Ingress for the subdomain is put in place
   * when the template routes traffic.
   */
  async adopt(
    credentials: UserCredentials,
    body: unknown,
  ): Promise<CloudService> {
    await this.deps.access.requireBasic(credentials, releaseAdoptPermission);
    const parsed = adoptReleaseRequestSchema.safeParse(body);
    if (!parsed.success)
      throw fieldValidationError(fieldErrorsFromZod(parsed.error));
    const request = parsed.data;
    const { namespace, releaseName, workspaceId } = request;
    const nameErrors = adoptionNameProblems(request);
    if (nameErrors.length) throw fieldValidationError(nameErrors);
    const referenceId = referenceIdOf(namespace, releaseName)!;

    const live = await this.deps.services.listLive();
    if (
      live.some(
        s => s.helmNamespace === namespace && s.helmReleaseName === releaseName,
      )
    ) {
      throw new ConflictError(
        `Release "${releaseName}" in "${namespace}" is already managed by a service`,
      );
    }
    if (!(await this.deps.workspaces.exists(workspaceId))) {
      throw fieldValidationError([
        {
          field: 'workspaceId',
          message: `workspace "${workspaceId}" does not exist; create it first`,
        },
      ]);
    }
    const release = await this.findRelease(namespace, releaseName);
    const blocker = adoptionBlocker(release, true);
    if (blocker) {
      throw fieldValidationError([
        { field: 'releaseName', message: `cannot be adopted: ${blocker}` },
      ]);
    }
    const template = await this.chooseTemplate(request.templateId, release);
    const { values, revision } = await this.deps.operator.getReleaseValues(
      namespace,
      releaseName,
    );
    const adopted = adoptedValues(template.valueSpecs, values);
    const valueErrors = adoptedValueProblems(template, adopted);
    if (await this.deps.services.isTaken('subdomain', request.subdomain)) {
      valueErrors.push({ field: 'subdomain', message: 'is taken' });
    }
    if (valueErrors.length) throw fieldValidationError(valueErrors);

    const actor = actorOf(credentials);
    const record = await this.insert({
      request,
      referenceId,
      template,
      release,
      revision,
      adopted,
      createdBy: credentials.principal.userEntityRef,
    });
    await this.deps.revisions.save(record.id, {
      revision,
      helmValues: record.helmValues,
      helmSecrets: record.helmSecrets,
      helmDefaultValues: record.helmDefaultValues,
      chartVersion: record.helmChartVersion,
      plan: record.plan ?? null,
    });
    await this.deps.events.add({
      serviceId: record.id,
      workspaceId,
      type: 'create',
      actor,
      toState: record.state,
      result: 'success',
      message: `Adopted by ${actor}: helm release ${releaseName} (chart ${release.chart} ${release.chartVersion}, revision ${revision}, ${release.status}) as a ${template.name} service`,
    });
    this.deps.logger.info(`Adopted release ${releaseName}`, {
      namespace,
      releaseName,
      serviceId: record.id,
      actor,
    });
    await this.routeSubdomain(record.id, workspaceId, template, request, actor);
    return toCloudService(
      (await this.deps.services.get(record.id)) ?? record,
      this.deps.settings.baseDomain,
    );
  }

  private async findRelease(
    namespace: string,
    releaseName: string,
  ): Promise<ReleaseSummary> {
    const listing = await this.deps.operator.listReleases(namespace);
    const release = listing.items.find(r => r.releaseName === releaseName);
    if (!release) {
      throw fieldValidationError([
        {
          field: 'releaseName',
          message: `no helm release "${releaseName}" in namespace "${namespace}"`,
        },
      ]);
    }
    return release;
  }

  /** The requested template, else the one matched by chart name; its chart must be the release's. */
  private async chooseTemplate(
    templateId: string | undefined,
    release: ReleaseSummary,
  ): Promise<TemplateRecord> {
    const id =
      templateId ??
      matchTemplate(release.chart, await this.deps.templates.list())?.id;
    if (!id) {
      throw fieldValidationError([
        {
          field: 'templateId',
          message: `is required: no marketplace template deploys chart "${release.chart}"`,
        },
      ]);
    }
    const template = await this.deps.templates.getByIdOrSlug(id);
    if (!template) {
      throw fieldValidationError([
        { field: 'templateId', message: 'is not a marketplace template' },
      ]);
    }
    if (template.helmChart.chartName !== release.chart) {
      throw fieldValidationError([
        {
          field: 'templateId',
          message: `must deploy the release's chart "${release.chart}" (template ${template.slug} deploys "${template.helmChart.chartName}")`,
        },
      ]);
    }
    return template;
  }

  private async insert(input: {
    request: { workspaceId: string; name: string; subdomain: string };
    referenceId: string;
    template: TemplateRecord;
    release: ReleaseSummary;
    revision: number;
    adopted: ReturnType<typeof adoptedValues>;
    createdBy: string;
  }) {
    const { request, template, adopted } = input;
    const id = randomUUID();
    const { stored, secrets } = splitSecrets(
      template.valueSpecs,
      adopted.userValues,
    );
    try {
      return await this.deps.services.insert(
        adoptedService({
          ...request,
          ...input,
          id,
          deploymentId: await this.deps.services.nextDeploymentId(),
          helmValues: stored,
          helmSecrets: this.deps.secrets.seal(id, secrets),
          otherValues: adopted.otherValues,
        }),
      );
    } catch (error) {
      if (!(error instanceof UniqueServiceFieldError)) throw error;
      if (error.column === 'subdomain') {
        throw fieldValidationError([
          { field: 'subdomain', message: 'is taken' },
        ]);
      }
      throw new ConflictError(
        `Reference ID "${input.referenceId}" is used by another service (possibly a deleted one); this release cannot be adopted under its name`,
      );
    }
  }

  /** Puts the subdomain's Ingress in place; a failure is recorded, the adoption stands. */
  private async routeSubdomain(
    serviceId: string,
    workspaceId: string,
    template: TemplateRecord,
    request: { namespace: string; releaseName: string; subdomain: string },
    actor: string,
  ) {
    if (!template.ingressEnabled) return;
    try {
      await this.deps.operator.setIngress(
        request.namespace,
        request.releaseName,
        ingressSpecFor(template, request.releaseName, {
          subdomain: request.subdomain,
        }),
      );
    } catch (error) {
      await this.deps.events.add({
        serviceId,
        workspaceId,
        type: 'domain',
        actor,
        result: 'failure',
        message: `The Ingress for ${request.subdomain}.${
          this.deps.settings.baseDomain
        } could not be created: ${
          (error as Error).message
        }. Save the service's domain again to retry.`,
      });
    }
  }
}
