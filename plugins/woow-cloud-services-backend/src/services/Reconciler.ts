import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  FATAL_PROBLEM_REASONS,
  type ReleaseStatusResponse,
  type ServiceState,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { CloudServicesSettings } from '../config';
import type { EventStore } from '../database/EventStore';
import type { ServiceClaims } from '../database/ServiceClaims';
import type { RevisionStore } from '../database/RevisionStore';
import type {
  ServicePatch,
  ServiceRecord,
  ServiceStore,
} from '../database/ServiceStore';
import {
  isTransientOperatorError,
  type OperatorApi,
} from '../operator/OperatorClient';
import type { ActionRunner } from './ActionRunner';
import { runBounded } from './boundedParallel';
import { unitsOfWork, type UnitOfWork } from './unitsOfWork';
import { operationOfState, type ServiceNotifier } from './ServiceNotifier';
import {
  backoffSeconds,
  RECONCILER_ACTOR,
  secondsFromNow,
  transition,
} from './transitions';

/** How long fatal problems are given to clear (pods restarting once, images retried). */
const FATAL_GRACE_SECONDS = 60;

/**
 * When a release left pending-* is asked to be recovered: twice the
 * operator's release lease (30 s, renewed while helm runs), so the operator
 * can tell an operation under way (409, its lease is held) from one whose
 * replica died (the lease lapsed): the latter is undone without waiting for
 * the settle timeout.
 */
const INTERRUPTED_GRACE_SECONDS = 60;

const IN_FLIGHT: ReadonlySet<ServiceState> = new Set([
  'deploying',
  'upgrading',
  'rolling_back',
]);

function describe(status: ReleaseStatusResponse): string {
  const problems = status.problems.map(
    p => `${p.reason} on ${p.object}: ${p.message}`,
  );
  return [status.message, ...problems].filter(Boolean).join('; ');
}

const ADVICE: Partial<Record<ServiceState, string>> = {
  deploying:
    'Check the configuration, then delete this service and deploy it again.',
  upgrading:
    'Fix the configuration and save again, or roll back to the previous revision.',
  rolling_back:
    'Roll back to another revision or upgrade with corrected values.',
  running:
    'Roll back to a working revision or fix the configuration; contact the platform team if it persists.',
};

/**
 * Moves services toward what the cluster says: from deploying, upgrading or
 * rolling back to running or error; notices running services whose release
 * failed or disappeared; retries operator calls that could not be made.
 * All state lives in the database, so any replica (or a restarted backend)
 * picks up where another left off.
 */
export class Reconciler {
  constructor(
    private readonly deps: {
      services: ServiceStore;
      revisions: RevisionStore;
      events: EventStore;
      operator: OperatorApi;
      runner: ActionRunner;
      claims: ServiceClaims;
      settings: CloudServicesSettings;
      logger: LoggerService;
      notifier?: ServiceNotifier;
    },
  ) {}

  /**
   * The scheduled pass. Claims the due services (see ServiceClaims: of two
   * backend replicas, one gets each row), work in flight first, then runs
   * at most `reconciler.concurrency` units at a time: each pending operation
   * alone, and the health checks of one workspace namespace together, from
   * ONE operator call answered from the operator's watch caches.
   *
   * A service whose reconciliation throws is retried with exponential
   * backoff (capped), so it moves behind the others instead of being retried
   * at every pass; nothing it throws stops the pass for the others.
   *
   * When `signal` aborts (the scheduler's task timeout, or the backend
   * shutting down) no further unit starts, and the claims of those not
   * started are given back, so they are due again for the next pass.
   * Returns how many services were reconciled.
   */
  async reconcileDue(now = new Date(), signal?: AbortSignal): Promise<number> {
    const { claims, services, settings } = this.deps;
    const { reconciler } = settings;
    const until = secondsFromNow(reconciler.claimSeconds ?? 120, now);
    const ids = await claims.claimDue(now, reconciler.batchSize ?? 500, until);
    // Reloaded after the claim: what another replica did before is seen.
    const claimed = (await Promise.all(ids.map(id => services.get(id)))).filter(
      (r): r is ServiceRecord => Boolean(r),
    );
    const units = unitsOfWork(claimed);
    const notStarted = await runBounded(
      units.map(unit => () => this.runUnit(unit, now)),
      reconciler.concurrency ?? 8,
      signal,
    );
    const givenBack = notStarted.flatMap(index => units[index].records);
    await claims.release(
      givenBack.map(r => r.id),
      until,
      now,
    );
    return claimed.length - givenBack.length;
  }

  private async runUnit(unit: UnitOfWork, now: Date): Promise<void> {
    if (unit.kind === 'operation') {
      await this.guarded(unit.records[0], now, () =>
        this.reconcile(unit.records[0], now),
      );
      return;
    }
    let statuses: Map<string, ReleaseStatusResponse>;
    try {
      const answer = await this.deps.operator.getNamespaceStatuses(
        unit.namespace,
      );
      statuses = new Map(answer.releases.map(r => [r.releaseName, r]));
    } catch (error) {
      for (const record of unit.records) {
        await this.guarded(record, now, () =>
          this.unreachable(record, error as Error, now),
        );
      }
      return;
    }
    for (const record of unit.records) {
      await this.guarded(record, now, () =>
        this.reconcile(record, now, async () =>
          statuses.get(record.helmReleaseName),
        ),
      );
    }
  }

  private async guarded(
    record: ServiceRecord,
    now: Date,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      await this.backOff(record, error as Error, now);
    }
  }

  private async backOff(record: ServiceRecord, error: Error, now: Date) {
    const attempts = record.attempts + 1;
    const retryInSeconds = backoffSeconds(
      attempts,
      this.deps.settings.reconciler.frequencySeconds,
    );
    this.deps.logger.error(`Reconciling service ${record.id} failed`, {
      serviceId: record.id,
      attempts,
      retryInSeconds,
      error: error.message,
    });
    try {
      await this.deps.services.updateBookkeeping(record.id, {
        attempts,
        nextCheckAt: secondsFromNow(retryInSeconds, now),
      });
    } catch (bookkeepingError) {
      this.deps.logger.error(
        `Could not schedule the retry of service ${record.id}`,
        {
          serviceId: record.id,
          error: (bookkeepingError as Error).message,
        },
      );
    }
  }

  /** Reconciles one service now, whatever its schedule (refresh button, tests). */
  async reconcileService(
    serviceId: string,
  ): Promise<ServiceRecord | undefined> {
    const record = await this.deps.services.get(serviceId);
    if (!record) return undefined;
    await this.reconcile(record, new Date());
    return this.deps.services.get(serviceId, { includeDeleted: true });
  }

  private async reconcile(
    record: ServiceRecord,
    now: Date,
    readStatus = () =>
      this.deps.operator.getStatus(
        record.helmNamespace,
        record.helmReleaseName,
      ),
  ): Promise<void> {
    if (record.pendingAction) {
      await this.deps.runner.run(record, RECONCILER_ACTOR);
      return;
    }
    if (record.state === 'pending') {
      // A pending row always carries its install; repair one that lost it
      // (due at once: the claim's lease must not delay it).
      await transition(this.deps.services, record, {
        pendingAction: { kind: 'install' },
        nextCheckAt: now,
      });
      return;
    }
    let status: ReleaseStatusResponse | undefined;
    try {
      status = await readStatus();
    } catch (error) {
      await this.unreachable(record, error as Error, now);
      return;
    }
    if (IN_FLIGHT.has(record.state)) await this.settle(record, status, now);
    else if (record.state === 'running')
      await this.watchRunning(record, status);
    else if (record.state === 'error') await this.watchError(record, status);
    else if (record.state === 'deleting') {
      // Deleting without a pending uninstall (a finalisation that did not
      // complete): uninstall again; a missing release just finalises.
      await transition(this.deps.services, record, {
        pendingAction: { kind: 'uninstall', deleteData: false },
        nextCheckAt: now,
      });
    }
  }

  private async settle(
    record: ServiceRecord,
    status: ReleaseStatusResponse | undefined,
    now: Date,
  ) {
    if (!status) {
      await this.fail(
        record,
        `The Helm release ${record.helmReleaseName} was not found in the cluster`,
      );
      return;
    }
    const elapsed =
      (now.getTime() -
        (record.operationStartedAt ?? record.updatedAt).getTime()) /
      1000;
    const awaited = record.targetRevision ?? 0;
    if (status.revision >= awaited && status.state === 'running') {
      await this.complete(record, status);
    } else if (status.state === 'failed' && status.revision >= awaited) {
      await this.fail(
        record,
        describe(status) || `Helm reports the release as ${status.helmStatus}`,
      );
    } else if (
      status.problems.some(p => FATAL_PROBLEM_REASONS.has(p.reason)) &&
      elapsed >
        Math.min(
          FATAL_GRACE_SECONDS,
          this.deps.settings.reconciler.settleTimeoutSeconds,
        )
    ) {
      await this.fail(record, describe(status));
    } else if (
      status.state === 'pending-operation' &&
      elapsed >
        Math.min(
          INTERRUPTED_GRACE_SECONDS,
          this.deps.settings.reconciler.settleTimeoutSeconds,
        )
    ) {
      await this.recover(record, status, now);
    } else if (elapsed > this.deps.settings.reconciler.settleTimeoutSeconds) {
      await this.fail(
        record,
        `Not ready after ${Math.round(elapsed / 60)} minutes: ${
          describe(status) || status.state
        }`,
      );
    } else {
      await this.deps.services.updateBookkeeping(record.id, {
        attempts: 0,
        statusDetail:
          describe(status) ||
          `Waiting for revision ${awaited} (${status.state})`,
        nextCheckAt: secondsFromNow(
          this.deps.settings.reconciler.frequencySeconds,
          now,
        ),
      });
    }
  }

  private async watchRunning(
    record: ServiceRecord,
    status: ReleaseStatusResponse | undefined,
  ) {
    if (!status) {
      await this.fail(
        record,
        `The Helm release ${record.helmReleaseName} no longer exists in the cluster (removed outside the portal?). Delete this service and deploy it again`,
      );
    } else if (
      status.state === 'failed' ||
      status.problems.some(p => FATAL_PROBLEM_REASONS.has(p.reason))
    ) {
      await this.fail(record, describe(status));
    } else if (status.revision !== record.helmRevision) {
      // Someone ran helm by hand: follow the cluster.
      await transition(this.deps.services, record, {
        helmRevision: status.revision,
        nextCheckAt: this.healthCheckAt(),
      });
    } else {
      await this.deps.services.updateBookkeeping(record.id, {
        attempts: 0,
        statusDetail: status.state === 'running' ? null : describe(status),
        nextCheckAt: this.healthCheckAt(),
      });
    }
  }

  private async watchError(
    record: ServiceRecord,
    status: ReleaseStatusResponse | undefined,
  ) {
    if (status?.state === 'running' && status.helmStatus === 'deployed') {
      await this.complete(record, status, 'Recovered');
    } else {
      await this.deps.services.updateBookkeeping(record.id, {
        nextCheckAt: this.healthCheckAt(),
      });
    }
  }

  /**
   * A helm operation that was interrupted (operator restarted mid-upgrade)
   * leaves the release in a pending-* state that blocks every later one: ask
   * the operator to undo it, and say what came of it.
   */
  private async recover(
    record: ServiceRecord,
    status: ReleaseStatusResponse,
    now: Date,
  ) {
    const { helmNamespace, helmReleaseName } = record;
    try {
      const result = await this.deps.operator.recoverRelease(
        helmNamespace,
        helmReleaseName,
      );
      if (result.action === 'uninstalled' && record.state === 'deploying') {
        await this.installAgain(record, status, now);
        return;
      }
      const what =
        result.action === 'rolled-back'
          ? `it was rolled back to revision ${result.rolledBackTo}`
          : 'the half-installed release was removed';
      await this.fail(
        record,
        `The Helm operation was interrupted (release left ${status.helmStatus}); ${what}`,
      );
    } catch (error) {
      if (isTransientOperatorError(error)) {
        // 409: the operation holds its lease (it is running, not stuck).
        await this.deps.services.updateBookkeeping(record.id, {
          statusDetail: `Helm operation under way (release ${status.helmStatus})`,
          nextCheckAt: secondsFromNow(INTERRUPTED_GRACE_SECONDS / 2, now),
        });
        return;
      }
      await this.fail(
        record,
        `The Helm operation was interrupted (release left ${
          status.helmStatus
        }) and could not be undone: ${(error as Error).message}`,
      );
    }
  }

  /** A first install cut short (its operator replica died) was removed: queue it again. */
  private async installAgain(
    record: ServiceRecord,
    status: ReleaseStatusResponse,
    now: Date,
  ) {
    const updated = await transition(this.deps.services, record, {
      state: 'pending',
      pendingAction: { kind: 'install' },
      statusDetail: 'Waiting for the install to be sent to Helm again',
      targetRevision: null,
      operationStartedAt: now,
      nextCheckAt: now,
    });
    if (!updated) return;
    await this.event(
      record,
      'pending',
      'failure',
      `The Helm install was interrupted (release left ${status.helmStatus}); the half-installed release was removed and the install queued again`,
    );
  }

  private async complete(
    record: ServiceRecord,
    status: ReleaseStatusResponse,
    verb = 'Ready',
  ) {
    const now = new Date();
    const patch: ServicePatch = {
      state: 'running',
      errorMessage: null,
      statusDetail: null,
      helmRevision: status.revision,
      targetRevision: null,
      attempts: 0,
      operationStartedAt: null,
      nextCheckAt: this.healthCheckAt(),
    };
    if (record.state === 'deploying') patch.deployedAt = now;
    if (record.state === 'upgrading' || record.state === 'rolling_back')
      patch.lastUpgradedAt = now;
    const updated = await transition(this.deps.services, record, patch);
    if (!updated) return;
    if (record.state !== 'error') {
      await this.deps.revisions.save(record.id, {
        revision: status.revision,
        helmValues: record.helmValues,
        helmSecrets: record.helmSecrets,
        helmDefaultValues: record.helmDefaultValues,
        chartVersion: record.helmChartVersion,
        plan: record.plan ?? null,
      });
    }
    await this.event(
      record,
      'running',
      'success',
      `${verb}: revision ${status.revision} is running`,
    );
    const operation = operationOfState(record.state);
    if (operation) await this.deps.notifier?.finished(record, operation);
  }

  private async fail(record: ServiceRecord, reason: string) {
    const advice = ADVICE[record.state] ?? ADVICE.running!;
    const message = `${reason}. ${advice}`;
    const updated = await transition(this.deps.services, record, {
      state: 'error',
      errorMessage: message,
      statusDetail: null,
      targetRevision: null,
      attempts: 0,
      operationStartedAt: null,
      nextCheckAt: this.healthCheckAt(),
    });
    if (!updated) return;
    await this.event(record, 'error', 'failure', message);
    const operation = operationOfState(record.state);
    if (operation) await this.deps.notifier?.failed(record, operation);
    else await this.deps.notifier?.wentToError(record);
  }

  /** The operator could not tell: keep the state, back off, give up on in-flight work late. */
  private async unreachable(record: ServiceRecord, error: Error, now: Date) {
    const { settings } = this.deps;
    const elapsed =
      (now.getTime() -
        (record.operationStartedAt ?? record.updatedAt).getTime()) /
      1000;
    if (
      !isTransientOperatorError(error) ||
      (IN_FLIGHT.has(record.state) &&
        elapsed > settings.reconciler.settleTimeoutSeconds)
    ) {
      if (IN_FLIGHT.has(record.state)) {
        await this.fail(
          record,
          `Could not read the release status: ${error.message}`,
        );
        return;
      }
    }
    const attempts = record.attempts + 1;
    await this.deps.services.updateBookkeeping(record.id, {
      attempts,
      statusDetail: `Status unknown: ${error.message}`,
      nextCheckAt: secondsFromNow(
        backoffSeconds(attempts, settings.reconciler.frequencySeconds),
        now,
      ),
    });
  }

  private healthCheckAt(): Date {
    return secondsFromNow(this.deps.settings.reconciler.healthCheckSeconds);
  }

  private async event(
    record: ServiceRecord,
    toState: ServiceState,
    result: 'success' | 'failure',
    message: string,
  ) {
    await this.deps.events.add({
      serviceId: record.id,
      workspaceId: record.workspaceId,
      type: toState === 'error' ? 'error' : 'state_change',
      actor: RECONCILER_ACTOR,
      fromState: record.state,
      toState,
      result,
      message,
    });
  }
}
