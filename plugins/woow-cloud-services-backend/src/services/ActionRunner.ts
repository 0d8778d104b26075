import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { retryAfterOf } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { CloudServicesSettings } from '../config';
import type { EventStore } from '../database/EventStore';
import type { RevisionStore } from '../database/RevisionStore';
import type {
  PendingAction,
  ServiceRecord,
  ServiceStore,
} from '../database/ServiceStore';
import type { TemplateStore } from '../database/TemplateStore';
import {
  isTransientOperatorError,
  operatorRefusalOf,
  type OperatorApi,
} from '../operator/OperatorClient';
import { chartSourceFor } from './mapping';
import type { ServiceSecrets } from './serviceSecrets';
import { operationOfAction, type ServiceNotifier } from './ServiceNotifier';
import { backoffSeconds, secondsFromNow, transition } from './transitions';
import { helmValuesFor } from './values';
import { appliedCustomDomain } from './customDomains/appliedDomain';
import { ingressSpecFor } from './ingressSpec';

export interface RunResult {
  record: ServiceRecord;
  /** Set when the operator refused the action for good (the row is now `error`). */
  permanentError?: Error;
}

const WHAT: Record<PendingAction['kind'], string> = {
  install: 'Deploy',
  upgrade: 'Upgrade',
  rollback: 'Rollback',
  uninstall: 'Delete',
};

const WHAT_TO_DO: Record<PendingAction['kind'], string> = {
  install:
    'Check the configuration, then delete this service and deploy it again.',
  upgrade:
    'Change the configuration and save again, or roll back to an earlier revision.',
  rollback: 'Choose another revision, or upgrade with corrected values.',
  uninstall:
    'Try deleting the service again; if it keeps failing, contact the platform team.',
};

/**
 * Sends a service's pending action (install, upgrade, rollback, uninstall)
 * to the helm-operator and records the outcome. Used right away by the
 * request that asked for it and, when the operator could not be reached,
 * again by the reconciler with backoff.
 */
export class ActionRunner {
  constructor(
    private readonly deps: {
      services: ServiceStore;
      templates: TemplateStore;
      events: EventStore;
      /** The values behind each revision: a refused upgrade goes back to them. */
      revisions?: RevisionStore;
      operator: OperatorApi;
      secrets: ServiceSecrets;
      settings: CloudServicesSettings;
      logger: LoggerService;
      /** Tells the initiator (and on failure the admins) how it ended. */
      notifier?: ServiceNotifier;
    },
  ) {}

  async run(record: ServiceRecord, actor: string): Promise<RunResult> {
    const action = record.pendingAction;
    if (!action) return { record };
    try {
      if (action.kind === 'uninstall')
        return { record: await this.uninstall(record, action, actor) };
      const revision = await this.send(record, action);
      const next = action.kind === 'install' ? 'deploying' : record.state;
      const updated = await transition(this.deps.services, record, {
        state: next,
        pendingAction: null,
        targetRevision: revision,
        attempts: 0,
        statusDetail: `Revision ${revision} applied; waiting for the workloads to become ready`,
        nextCheckAt: secondsFromNow(
          this.deps.settings.reconciler.frequencySeconds,
        ),
      });
      await this.deps.events.add({
        serviceId: record.id,
        workspaceId: record.workspaceId,
        type: action.kind === 'install' ? 'deploy' : action.kind,
        actor,
        // A step within one state (e.g. upgrading) is no state change.
        fromState: next === record.state ? null : record.state,
        toState: next === record.state ? null : next,
        result: 'success',
        message: `${WHAT[action.kind]} sent to Helm: revision ${revision}`,
      });
      return { record: updated ?? (await this.reload(record)) };
    } catch (error) {
      return this.failed(record, action, error as Error, actor);
    }
  }

  /** Makes the operator call; returns the helm revision it produced. */
  private async send(
    record: ServiceRecord,
    action: PendingAction,
  ): Promise<number> {
    const { operator } = this.deps;
    const ns = record.helmNamespace;
    const name = record.helmReleaseName;
    if (action.kind === 'rollback') {
      return (await operator.rollbackRelease(ns, name, action.revision))
        .revision;
    }
    const template = await this.deps.templates.getById(record.templateId);
    if (!template)
      throw new NotFoundError(`Template ${record.templateId} no longer exists`);
    const chart = chartSourceFor(template.helmChart, record.helmChartVersion);
    const values = helmValuesFor(
      record.helmDefaultValues,
      this.deps.secrets.userValues(record),
    );
    if (action.kind === 'upgrade') {
      return (await operator.upgradeRelease(ns, name, { values, chart }))
        .revision;
    }
    await operator.ensureNamespace({ workspaceId: record.workspaceId });
    try {
      const result = await operator.installRelease({
        namespace: ns,
        releaseName: name,
        chart,
        values,
        ingress:
          template.ingressEnabled && record.subdomain
            ? ingressSpecFor(template, name, {
                subdomain: record.subdomain,
                // Only a custom domain its owner proved (CustomDomains).
                customDomain: appliedCustomDomain(record),
              })
            : undefined,
      });
      return result.revision;
    } catch (error) {
      // An earlier attempt may have gone through (its answer lost): then the
      // release is there and this install is done.
      if ((error as Error).name !== 'ConflictError') throw error;
      const existing = await operator.getRelease(ns, name);
      if (!existing) throw error;
      return existing.revision;
    }
  }

  private async uninstall(
    record: ServiceRecord,
    action: Extract<PendingAction, { kind: 'uninstall' }>,
    actor: string,
  ): Promise<ServiceRecord> {
    const result = await this.deps.operator.uninstallRelease(
      record.helmNamespace,
      record.helmReleaseName,
      { deleteData: action.deleteData },
    );
    const updated = await transition(this.deps.services, record, {
      pendingAction: null,
      deletedAt: new Date(),
      // Frees the names for new services; the old subdomain stays on record.
      subdomain: null,
      releasedSubdomain: record.subdomain,
      customDomain: null,
      nextCheckAt: null,
      statusDetail: null,
    });
    const data = result
      ? `deleted volumes: ${
          result.deletedPvcs.join(', ') || 'none'
        }; kept volumes: ${result.retainedPvcs.join(', ') || 'none'}`
      : 'there was no Helm release to uninstall';
    await this.deps.events.add({
      serviceId: record.id,
      workspaceId: record.workspaceId,
      type: 'delete',
      actor,
      fromState: record.state,
      toState: record.state,
      result: 'success',
      message: `Uninstalled (${data})`,
    });
    await this.deps.notifier?.finished(record, 'delete', actor);
    return updated ?? (await this.reload(record));
  }

  private async failed(
    record: ServiceRecord,
    action: PendingAction,
    error: Error,
    actor: string,
  ): Promise<RunResult> {
    const { services, settings } = this.deps;
    if (
      action.kind === 'upgrade' &&
      operatorRefusalOf(error) === 'upgradeRefused'
    ) {
      return this.upgradeRefused(record, error, actor);
    }
    const busyFor = retryAfterOf(error);
    if (busyFor !== undefined) {
      // The operator's queue is full: not a failure, no attempt counted.
      await services.updateBookkeeping(record.id, {
        nextCheckAt: secondsFromNow(busyFor),
        statusDetail: `${
          WHAT[action.kind]
        } waits: the operator is busy; retried in ${busyFor}s`,
      });
      return { record: await this.reload(record) };
    }
    const attempts = record.attempts + 1;
    if (
      isTransientOperatorError(error) &&
      attempts < settings.reconciler.maxAttempts
    ) {
      const wait = backoffSeconds(
        attempts,
        settings.reconciler.frequencySeconds,
      );
      await services.updateBookkeeping(record.id, {
        attempts,
        nextCheckAt: secondsFromNow(wait),
        statusDetail: `${
          WHAT[action.kind]
        } will be retried in ${wait}s (attempt ${attempts} of ${
          settings.reconciler.maxAttempts
        }): ${error.message}`,
      });
      this.deps.logger.warn(
        `${WHAT[action.kind]} of service ${record.id} will be retried`,
        {
          serviceId: record.id,
          attempts,
          reason: error.message,
        },
      );
      return { record: await this.reload(record) };
    }
    const message = `${WHAT[action.kind]} failed: ${error.message}. ${
      WHAT_TO_DO[action.kind]
    }`;
    const updated = await transition(services, record, {
      state: 'error',
      pendingAction: null,
      errorMessage: message,
      statusDetail: null,
      attempts: 0,
      targetRevision: null,
      operationStartedAt: null,
      nextCheckAt: secondsFromNow(settings.reconciler.healthCheckSeconds),
    });
    await this.deps.events.add({
      serviceId: record.id,
      workspaceId: record.workspaceId,
      type: 'error',
      actor,
      fromState: record.state,
      toState: 'error',
      result: 'failure',
      message,
    });
    await this.deps.notifier?.failed(
      record,
      operationOfAction(action.kind),
      actor,
    );
    return {
      record: updated ?? (await this.reload(record)),
      permanentError: error,
    };
  }

  /**
   * The cluster would refuse the upgrade (the operator's dry run): nothing
   * was applied and the release stays on its revision, so the service is
   * running as before, not in error; the reason goes to the activity log.
   */
  private async upgradeRefused(
    record: ServiceRecord,
    error: Error,
    actor: string,
  ): Promise<RunResult> {
    // The row holds the refused values: back to those the revision runs with
    // (the request's own path restores them too; a retried upgrade has no other).
    const snapshot = await this.deps.revisions?.get(
      record.id,
      record.helmRevision,
    );
    const updated = await transition(this.deps.services, record, {
      ...(snapshot && {
        helmValues: snapshot.helmValues,
        helmSecrets: snapshot.helmSecrets,
        helmDefaultValues: snapshot.helmDefaultValues,
        helmChartVersion: snapshot.chartVersion,
      }),
      state: 'running',
      pendingAction: null,
      errorMessage: null,
      statusDetail: null,
      attempts: 0,
      targetRevision: null,
      operationStartedAt: null,
      nextCheckAt: secondsFromNow(
        this.deps.settings.reconciler.frequencySeconds,
      ),
    });
    await this.deps.events.add({
      serviceId: record.id,
      workspaceId: record.workspaceId,
      type: 'upgrade',
      actor,
      fromState: record.state,
      toState: 'running',
      result: 'failure',
      message: `Upgrade refused by the cluster; nothing was changed and the service stays on its current revision. ${error.message}`,
    });
    await this.deps.notifier?.failed(record, 'upgrade', actor);
    return {
      record: updated ?? (await this.reload(record)),
      permanentError: error,
    };
  }

  private async reload(record: ServiceRecord): Promise<ServiceRecord> {
    return (
      (await this.deps.services.get(record.id, { includeDeleted: true })) ??
      record
    );
  }
}
