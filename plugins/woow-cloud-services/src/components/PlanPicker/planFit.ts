import {
  planResourceAmounts,
  quotaAmountText,
  quotaShortfalls,
  type AppTemplate,
  type Plan,
  type WorkspaceQuotaLeft,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * Why a plan does not fit in what the workspace's quota has left (the rule
 * the backend applies before launch), or undefined when it fits or the
 * quota is unknown. `current` is what the service takes now, for a plan
 * change: only the increase must fit.
 */
export function planMisfit(
  template: Pick<AppTemplate, 'minResources'>,
  plan: Plan,
  quota: WorkspaceQuotaLeft | null | undefined,
  current?: { vcpu: number; ramGb: number; storageGb: number },
): string | undefined {
  if (!quota?.enforced) return undefined;
  const needs = planResourceAmounts(
    plan.resources,
    template.minResources.storageGb,
  );
  const short = quotaShortfalls(
    quota.resources,
    current
      ? {
          vcpu: Math.max(0, needs.vcpu - current.vcpu),
          ramGb: Math.max(0, needs.ramGb - current.ramGb),
          storageGb: Math.max(0, needs.storageGb - current.storageGb),
        }
      : needs,
  );
  return short.length
    ? `does not fit in the workspace quota: ${short.join('; ')}`
    : undefined;
}

/** "2 vCPU, 3.5 GiB memory, 40 GiB storage left" of the workspace's quota. */
export function quotaLeftText(
  quota: WorkspaceQuotaLeft | null | undefined,
): string {
  if (quota === null || quota === undefined) {
    return 'The quota left in this workspace is unknown right now.';
  }
  if (!quota.enforced || quota.resources.length === 0) {
    return 'No quota applies to this workspace yet.';
  }
  const names: Record<string, string> = {
    'requests.cpu': '',
    'requests.memory': ' memory',
    'requests.storage': ' storage',
  };
  return `Left in this workspace: ${quota.resources
    .map(r => `${quotaAmountText(r.key, r.left)}${names[r.key]}`)
    .join(', ')} (of ${quota.resources
    .map(r => quotaAmountText(r.key, r.hard))
    .join(', ')}).`;
}
