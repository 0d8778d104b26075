import { z } from 'zod';
import { quantityValue, type NamespaceQuotaUsageResponse } from './operator';
import type { ResourceSpec } from './template';

const GIB = 2 ** 30;

/** The ResourceQuota keys a launch is measured against, in this order. */
export const QUOTA_KEYS = [
  'requests.cpu',
  'requests.memory',
  'requests.storage',
] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];

export const quotaResourceSchema = z.object({
  key: z.enum(QUOTA_KEYS),
  /** Base units: cores for cpu, bytes for memory and storage. */
  hard: z.number(),
  used: z.number(),
  left: z.number(),
});
export type QuotaResource = z.infer<typeof quotaResourceSchema>;

/**
 * GET /workspaces/:workspaceId/quota: what the workspace's ResourceQuota has
 * left for a launch. `enforced: false` (no resources) before the namespace
 * or its quota exists.
 */
export const workspaceQuotaLeftSchema = z.object({
  workspaceId: z.string(),
  namespace: z.string(),
  enforced: z.boolean(),
  resources: z.array(quotaResourceSchema),
});
export type WorkspaceQuotaLeft = z.infer<typeof workspaceQuotaLeftSchema>;

/** The operator's quota usage as hard / used / left per key (keys without a hard limit left out). */
export function quotaResources(
  usage: Pick<NamespaceQuotaUsageResponse, 'exists' | 'hard' | 'used'>,
): QuotaResource[] {
  if (!usage.exists) return [];
  const resources: QuotaResource[] = [];
  for (const key of QUOTA_KEYS) {
    const hardText = usage.hard[key];
    if (hardText === undefined) continue;
    const hard = quantityValue(hardText) ?? Infinity;
    const used = quantityValue(usage.used[key] ?? '0') ?? 0;
    resources.push({ key, hard, used, left: Math.max(0, hard - used) });
  }
  return resources;
}

/** What a launch needs of a key, in base units. */
function needOf(key: QuotaKey, needs: ResourceSpec): number {
  if (key === 'requests.cpu') return needs.vcpu;
  if (key === 'requests.memory') return needs.ramGb * GIB;
  return needs.storageGb * GIB;
}

/** A base-unit amount of a key in words ("0.5 vCPU", "2 GiB"). */
export function quotaAmountText(key: QuotaKey, amount: number): string {
  return key === 'requests.cpu'
    ? `${+amount.toFixed(3)} vCPU`
    : `${+(amount / GIB).toFixed(2)} GiB`;
}

/**
 * The quota keys a launch with these needs would exceed, each in words
 * ("requests.memory needs 2 GiB, 1 GiB left of 4 GiB"); empty when it fits.
 */
export function quotaShortfalls(
  resources: QuotaResource[],
  needs: ResourceSpec,
): string[] {
  return resources
    .filter(r => needOf(r.key, needs) > r.left)
    .map(
      r =>
        `${r.key} needs ${quotaAmountText(
          r.key,
          needOf(r.key, needs),
        )}, ${quotaAmountText(r.key, r.left)} left of ${quotaAmountText(
          r.key,
          r.hard,
        )}`,
    );
}
