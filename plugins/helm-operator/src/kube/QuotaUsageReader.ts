import type { NamespaceQuotaUsageResponse } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { KubeClients } from './KubeClients';
import { isNotFound, kubeErrorToSafe } from './kubeErrors';
import { QUOTA_NAME } from './labels';

function quantities(
  map: Record<string, string | number> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(map ?? {}).map(([key, value]) => [key, String(value)]),
  );
}

/**
 * What a workspace's ResourceQuota allows and what is already used (its
 * status, kept current by the API server's quota controller), so that the
 * backend can refuse a deploy that would not fit before anything is created.
 */
export class QuotaUsageReader {
  constructor(private readonly kube: KubeClients) {}

  async read(namespace: string): Promise<NamespaceQuotaUsageResponse> {
    try {
      const quota = await this.kube.core.readNamespacedResourceQuota({
        name: QUOTA_NAME,
        namespace,
      });
      return {
        namespace,
        exists: true,
        // A quota just created has no status yet: its spec is what holds.
        hard: quantities(quota.status?.hard ?? quota.spec?.hard),
        used: quantities(quota.status?.used),
      };
    } catch (error) {
      if (isNotFound(error)) {
        return { namespace, exists: false, hard: {}, used: {} };
      }
      throw kubeErrorToSafe(
        error,
        `Reading ResourceQuota ${QUOTA_NAME} in "${namespace}"`,
      );
    }
  }
}
