import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  quantityValue,
  type ResourceSpec,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { OperatorApi } from '../operator/OperatorClient';

const GIB = 2 ** 30;

/** The quota keys a template's minimum resources are measured against. */
const NEEDS: Array<{
  key: string;
  amount: (r: ResourceSpec) => number;
  unit: (n: number) => string;
}> = [
  {
    key: 'requests.cpu',
    amount: r => r.vcpu,
    unit: n => `${+n.toFixed(3)} vCPU`,
  },
  {
    key: 'requests.memory',
    amount: r => r.ramGb * GIB,
    unit: n => `${+(n / GIB).toFixed(2)} GiB`,
  },
  {
    key: 'requests.storage',
    amount: r => r.storageGb * GIB,
    unit: n => `${+(n / GIB).toFixed(2)} GiB`,
  },
];

/**
 * Refuses a deploy whose template needs more than the workspace's
 * ResourceQuota has left (hard minus used), before anything is stored or
 * sent to helm. Kubernetes enforces the quota in any case; this check turns
 * a pod that would never start into a clear 403 up front. When the operator
 * cannot answer, the deploy goes ahead (the reconciler's retries and the
 * quota itself still hold).
 */
export class QuotaCheck {
  constructor(
    private readonly deps: { operator: OperatorApi; logger: LoggerService },
  ) {}

  async assertFits(
    namespace: string,
    needs: ResourceSpec,
    templateName: string,
  ): Promise<void> {
    let usage;
    try {
      usage = await this.deps.operator.getQuotaUsage(namespace);
    } catch (error) {
      this.deps.logger.warn(
        'Could not read the workspace quota; the deploy is not checked against it',
        { namespace, reason: (error as Error).message },
      );
      return;
    }
    if (!usage.exists) return;
    const short: string[] = [];
    for (const need of NEEDS) {
      const hardText = usage.hard[need.key];
      if (hardText === undefined) continue;
      const hard = quantityValue(hardText) ?? Infinity;
      const used = quantityValue(usage.used[need.key] ?? '0') ?? 0;
      const left = Math.max(0, hard - used);
      const asked = need.amount(needs);
      if (asked > left) {
        short.push(
          `${need.key} needs ${need.unit(asked)}, ${need.unit(
            left,
          )} left of ${need.unit(hard)}`,
        );
      }
    }
    if (short.length > 0) {
      throw new NotAllowedError(
        `Quota exceeded (ResourceQuota of ${namespace}): ${templateName} ${short.join(
          '; ',
        )}`,
      );
    }
  }
}
