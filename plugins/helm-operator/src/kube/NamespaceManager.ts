import { ConflictError } from '@backstage/errors';
import {
  V1LimitRange,
  V1Namespace,
  V1ResourceQuota,
} from '@kubernetes/client-node';
import {
  WorkspaceQuota,
  WorkspaceQuotaOverride,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  LimitRangeDefaults,
  NetworkPolicyOptions,
  PodSecurityOptions,
} from '../config';
import { KubeClients } from './KubeClients';
import { isConflict, isNotFound, kubeErrorToSafe } from './kubeErrors';
import {
  LIMIT_RANGE_NAME,
  managedLabels,
  QUOTA_NAME,
  WORKSPACE_LABEL,
} from './labels';
import { effectiveQuota, hardToQuota, quotaToHard } from './quota';
import { podSecurityLabels, WorkspaceIsolation } from './WorkspaceIsolation';

export interface NamespaceManagerOptions {
  quotaDefaults: WorkspaceQuota;
  quotaMaxima: WorkspaceQuota;
  limitRange: LimitRangeDefaults;
  podSecurity: PodSecurityOptions;
  networkPolicy: NetworkPolicyOptions;
}

/**
 * Workspace namespaces: labels (Pod Security Admission included), the
 * ResourceQuota `workspace-quota`, the LimitRange `workspace-limits`, and the
 * deployer ServiceAccount, its RoleBinding and the NetworkPolicy
 * (WorkspaceIsolation). Every step is idempotent, so a repeated or
 * concurrent call converges on the same objects.
 */
export class NamespaceManager {
  private readonly isolation: WorkspaceIsolation;

  constructor(
    private readonly kube: KubeClients,
    private readonly opts: NamespaceManagerOptions,
  ) {
    this.isolation = new WorkspaceIsolation(kube, opts);
  }

  /** Validates the quota first: a 400 changes nothing in the cluster. */
  async ensure(
    namespace: string,
    workspaceId: string,
    quota?: WorkspaceQuotaOverride,
  ) {
    const wanted = effectiveQuota(
      this.opts.quotaDefaults,
      this.opts.quotaMaxima,
      quota,
    );
    const created = await this.ensureNamespace(namespace, workspaceId);
    const inForce = await this.ensureQuota(
      namespace,
      wanted,
      quota !== undefined,
    );
    await this.ensureLimitRange(namespace);
    await this.isolation.ensure(namespace);
    return { namespace, created, quota: inForce };
  }

  private async ensureNamespace(
    name: string,
    workspaceId: string,
  ): Promise<boolean> {
    const labels = managedLabels({
      [WORKSPACE_LABEL]: workspaceId,
      ...podSecurityLabels(this.opts.podSecurity),
    });
    try {
      await this.kube.core.createNamespace({
        body: { metadata: { name, labels } },
      });
      return true;
    } catch (e) {
      if (!isConflict(e))
        throw kubeErrorToSafe(e, `Creating namespace "${name}"`);
    }
    const existing: V1Namespace = await this.kube.core
      .readNamespace({ name })
      .catch(e =>
        Promise.reject(kubeErrorToSafe(e, `Reading namespace "${name}"`)),
      );
    const current = existing.metadata?.labels ?? {};
    const owner = current[WORKSPACE_LABEL];
    if (owner && owner !== workspaceId) {
      throw new ConflictError(
        `Namespace "${name}" belongs to workspace "${owner}"`,
      );
    }
    if (Object.entries(labels).some(([k, v]) => current[k] !== v)) {
      // Adopt a namespace made by hand (e.g. before the operator existed).
      existing.metadata = {
        ...existing.metadata,
        labels: { ...current, ...labels },
      };
      await this.kube.core
        .replaceNamespace({ name, body: existing })
        .catch(e =>
          Promise.reject(kubeErrorToSafe(e, `Labelling namespace "${name}"`)),
        );
    }
    return false;
  }

  /**
   * Creates the quota when missing. An existing one is replaced only when the
   * request asked for a quota: a plain "ensure" before each deploy must not
   * undo a quota an administrator raised.
   */
  private async ensureQuota(
    namespace: string,
    wanted: WorkspaceQuota,
    explicit: boolean,
  ): Promise<WorkspaceQuota> {
    const body: V1ResourceQuota = {
      metadata: { name: QUOTA_NAME, namespace, labels: managedLabels() },
      spec: { hard: quotaToHard(wanted) },
    };
    const what = `Applying ResourceQuota ${QUOTA_NAME} in "${namespace}"`;
    let existing: V1ResourceQuota | undefined;
    try {
      existing = await this.kube.core.readNamespacedResourceQuota({
        name: QUOTA_NAME,
        namespace,
      });
    } catch (e) {
      if (!isNotFound(e)) throw kubeErrorToSafe(e, what);
    }
    try {
      if (!existing) {
        await this.kube.core.createNamespacedResourceQuota({ namespace, body });
        return wanted;
      }
      if (!explicit)
        return hardToQuota(existing.spec?.hard, this.opts.quotaDefaults);
      body.metadata!.resourceVersion = existing.metadata?.resourceVersion;
      await this.kube.core.replaceNamespacedResourceQuota({
        name: QUOTA_NAME,
        namespace,
        body,
      });
      return wanted;
    } catch (e) {
      if (isConflict(e)) {
        // Another call made or changed it meanwhile: report what is there now.
        const now = await this.kube.core.readNamespacedResourceQuota({
          name: QUOTA_NAME,
          namespace,
        });
        return hardToQuota(now.spec?.hard, this.opts.quotaDefaults);
      }
      throw kubeErrorToSafe(e, what);
    }
  }

  /**
   * Defaults for containers that declare no requests/limits: with a quota on
   * limits.cpu/limits.memory, Kubernetes refuses such pods otherwise.
   */
  private async ensureLimitRange(namespace: string): Promise<void> {
    const lr = this.opts.limitRange;
    const body: V1LimitRange = {
      metadata: { name: LIMIT_RANGE_NAME, namespace, labels: managedLabels() },
      spec: {
        limits: [
          {
            type: 'Container',
            _default: {
              cpu: lr.defaultLimitCpu,
              memory: lr.defaultLimitMemory,
            },
            defaultRequest: {
              cpu: lr.defaultRequestCpu,
              memory: lr.defaultRequestMemory,
            },
          },
        ],
      },
    };
    try {
      await this.kube.core.createNamespacedLimitRange({ namespace, body });
    } catch (e) {
      if (!isConflict(e)) {
        throw kubeErrorToSafe(
          e,
          `Creating LimitRange ${LIMIT_RANGE_NAME} in "${namespace}"`,
        );
      }
    }
  }
}
