import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { V1Lease, V1MicroTime } from '@kubernetes/client-node';
import crypto from 'node:crypto';
import os from 'node:os';
import { KubeClients } from './KubeClients';
import { isConflict, isNotFound, kubeErrorToSafe } from './kubeErrors';
import { managedLabels, operatorObjectName, RELEASE_LABEL } from './labels';

const OPERATION_ANNOTATION = 'woow.cloud/operation';
const TIME_LIMIT_ANNOTATION = 'woow.cloud/time-limit-seconds';

export interface LockRef {
  namespace: string;
  releaseName: string;
}

function expired(lease: V1Lease, now: number): boolean {
  const spec = lease.spec;
  if (!spec?.holderIdentity) return true;
  const renewed = spec.renewTime ?? spec.acquireTime;
  if (!renewed || !spec.leaseDurationSeconds) return true;
  return new Date(renewed).getTime() + spec.leaseDurationSeconds * 1000 < now;
}

/**
 * One mutating operation per release at a time, across operator replicas: a
 * coordination.k8s.io/v1 Lease `woow-op-<release>` in the release's namespace.
 * The API server makes the create (and the takeover of an expired lease, by
 * resourceVersion) atomic, so exactly one contender wins; the others get 409.
 *
 * A lease is short (`leaseSeconds`) and renewed by its holder while the
 * operation runs (every `renewSeconds`): a replica that dies (SIGKILL, OOM,
 * a lost node) stops renewing, and its lease frees itself within
 * `leaseSeconds`, not after the operation's whole time limit.
 */
export class ReleaseLocks {
  private readonly holderPrefix = `${os.hostname()}/${process.pid}`;
  private readonly leaseSeconds: number;
  private readonly renewSeconds: number;

  constructor(
    private readonly kube: KubeClients,
    private readonly logger: LoggerService,
    timing: { leaseSeconds?: number; renewSeconds?: number } = {},
  ) {
    this.leaseSeconds = timing.leaseSeconds ?? 30;
    this.renewSeconds = timing.renewSeconds ?? 10;
  }

  /**
   * Runs `fn` holding the release's lease. `durationSeconds`, the
   * operation's time limit, is recorded on the lease for whoever reads it.
   */
  async withLock<T>(
    ref: LockRef,
    operation: string,
    durationSeconds: number,
    fn: () => Promise<T>,
  ): Promise<T> {
    let lease = await this.acquire(ref, operation, durationSeconds);
    let renewing = Promise.resolve();
    const timer = setInterval(() => {
      renewing = renewing.then(async () => {
        lease = await this.renew(ref, lease);
      });
    }, this.renewSeconds * 1000);
    try {
      return await fn();
    } finally {
      clearInterval(timer);
      await renewing;
      await this.release(ref, lease);
    }
  }

  /** The lease with a new renewTime; the same lease if it could not be renewed. */
  private async renew(ref: LockRef, lease: V1Lease): Promise<V1Lease> {
    try {
      return await this.kube.coordination.replaceNamespacedLease({
        name: lease.metadata!.name!,
        namespace: ref.namespace,
        body: {
          ...lease,
          spec: { ...lease.spec, renewTime: new V1MicroTime() },
        },
      });
    } catch (e) {
      // Kept trying at the next tick; a lease taken over meanwhile (this
      // replica stalled past leaseSeconds) is left to its new holder.
      this.logger.warn(`Could not renew the lease of ${ref.releaseName}`, {
        namespace: ref.namespace,
        release: ref.releaseName,
        status: (e as { code?: number }).code,
      });
      return lease;
    }
  }

  private leaseBody(
    ref: LockRef,
    operation: string,
    durationSeconds: number,
  ): V1Lease {
    const now = new V1MicroTime();
    return {
      metadata: {
        name: operatorObjectName(ref.releaseName),
        namespace: ref.namespace,
        labels: managedLabels({ [RELEASE_LABEL]: ref.releaseName }),
        annotations: {
          [OPERATION_ANNOTATION]: operation,
          [TIME_LIMIT_ANNOTATION]: String(durationSeconds),
        },
      },
      spec: {
        holderIdentity: `${this.holderPrefix}/${crypto.randomUUID()}`,
        leaseDurationSeconds: this.leaseSeconds,
        acquireTime: now,
        renewTime: now,
      },
    };
  }

  private async acquire(
    ref: LockRef,
    operation: string,
    durationSeconds: number,
    attempt = 0,
  ): Promise<V1Lease> {
    const { namespace } = ref;
    const body = this.leaseBody(ref, operation, durationSeconds);
    const name = body.metadata!.name!;
    try {
      return await this.kube.coordination.createNamespacedLease({
        namespace,
        body,
      });
    } catch (e) {
      if (isNotFound(e)) {
        throw new NotFoundError(
          `Namespace "${namespace}" does not exist; create it with POST /namespaces`,
        );
      }
      if (!isConflict(e))
        throw kubeErrorToSafe(e, `Locking release "${ref.releaseName}"`);
    }
    // A lease exists: take it over only if its holder is gone (expired).
    let current: V1Lease;
    try {
      current = await this.kube.coordination.readNamespacedLease({
        name,
        namespace,
      });
    } catch (e) {
      // Released meanwhile: try again (a few times: others may be racing too).
      if (isNotFound(e) && attempt < 3)
        return this.acquire(ref, operation, durationSeconds, attempt + 1);
      throw kubeErrorToSafe(e, `Locking release "${ref.releaseName}"`);
    }
    if (!expired(current, Date.now())) {
      throw this.busy(ref, current);
    }
    body.metadata!.resourceVersion = current.metadata?.resourceVersion;
    try {
      const taken = await this.kube.coordination.replaceNamespacedLease({
        name,
        namespace,
        body,
      });
      this.logger.warn(
        `Took over the expired lease of release ${ref.releaseName}`,
        {
          namespace,
          release: ref.releaseName,
          previousHolder: current.spec?.holderIdentity,
        },
      );
      return taken;
    } catch (e) {
      if (isConflict(e) || isNotFound(e)) throw this.busy(ref, current);
      throw kubeErrorToSafe(e, `Locking release "${ref.releaseName}"`);
    }
  }

  private busy(ref: LockRef, lease: V1Lease): ConflictError {
    const op =
      lease.metadata?.annotations?.[OPERATION_ANNOTATION] ?? 'an operation';
    const since = lease.spec?.acquireTime
      ? ` since ${new Date(lease.spec.acquireTime).toISOString()}`
      : '';
    return new ConflictError(
      `Another operation (${op}) on release "${ref.releaseName}" is in progress${since}; retry when it is done`,
    );
  }

  private async release(ref: LockRef, lease: V1Lease): Promise<void> {
    try {
      // Preconditions: never delete a lease someone else took over meanwhile.
      await this.kube.coordination.deleteNamespacedLease({
        name: lease.metadata!.name!,
        namespace: ref.namespace,
        body: {
          preconditions: { resourceVersion: lease.metadata?.resourceVersion },
        },
      });
    } catch (e) {
      if (isNotFound(e)) return;
      this.logger.warn(
        `Could not release the lease of ${ref.releaseName}; it will expire`,
        {
          namespace: ref.namespace,
          release: ref.releaseName,
          status: (e as { code?: number }).code,
        },
      );
    }
  }
}
