import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  namespaceFor,
  quotaResources,
  quotaShortfalls,
  type ResourceSpec,
  type WorkspaceQuotaLeft,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { OperatorApi } from '../operator/OperatorClient';

/**
 * The workspace's ResourceQuota (hard minus used) before a launch or a plan
 * change. Kubernetes enforces the quota in any case; the check turns a pod
 * that would never start into a clear 403 up front. When the operator
 * cannot answer, the deploy goes ahead (the reconciler's retries and the
 * quota itself still hold).
 */
export class QuotaCheck {
  constructor(
    private readonly deps: { operator: OperatorApi; logger: LoggerService },
  ) {}

  /** What is left in the workspace's quota (GET /workspaces/:id/quota). */
  async left(workspaceId: string): Promise<WorkspaceQuotaLeft> {
    const namespace = namespaceFor(workspaceId);
    const usage = await this.deps.operator.getQuotaUsage(namespace);
    return {
      workspaceId,
      namespace,
      enforced: usage.exists,
      resources: quotaResources(usage),
    };
  }

  /** Refuses (403 naming each key exceeded) what does not fit in the quota left. */
  async assertFits(
    workspaceId: string,
    needs: ResourceSpec,
    what: string,
  ): Promise<void> {
    let left: WorkspaceQuotaLeft;
    try {
      left = await this.left(workspaceId);
    } catch (error) {
      this.deps.logger.warn(
        'Could not read the workspace quota; the deploy is not checked against it',
        { workspaceId, reason: (error as Error).message },
      );
      return;
    }
    const short = quotaShortfalls(left.resources, needs);
    if (short.length > 0) {
      throw new NotAllowedError(
        `Quota exceeded (ResourceQuota of ${
          left.namespace
        }): ${what} ${short.join('; ')}`,
      );
    }
  }
}
