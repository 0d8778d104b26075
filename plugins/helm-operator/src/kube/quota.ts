import { InputError } from '@backstage/errors';
import {
  quantityValue,
  WorkspaceQuota,
  WorkspaceQuotaOverride,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** A Kubernetes quantity ("500m", "16Gi", "1e3") as a number of base units. */
export function parseQuantity(quantity: string | number): number {
  const value = quantityValue(quantity);
  if (value === undefined) {
    throw new InputError(`"${quantity}" is not a Kubernetes quantity`);
  }
  return value;
}

/** ResourceQuota `spec.hard` keys of each quota field (the spec's names). */
export const QUOTA_HARD_KEYS: Record<keyof WorkspaceQuota, string> = {
  requestsCpu: 'requests.cpu',
  requestsMemory: 'requests.memory',
  limitsCpu: 'limits.cpu',
  limitsMemory: 'limits.memory',
  persistentVolumeClaims: 'persistentvolumeclaims',
  requestsStorage: 'requests.storage',
};

const FIELDS = Object.keys(QUOTA_HARD_KEYS) as (keyof WorkspaceQuota)[];

/**
 * The quota a namespace gets: the configured defaults with the request's
 * overrides, each within the configured maximum (else a 400 naming the field).
 */
export function effectiveQuota(
  defaults: WorkspaceQuota,
  maxima: WorkspaceQuota,
  override: WorkspaceQuotaOverride = {},
): WorkspaceQuota {
  const result = { ...defaults };
  for (const field of FIELDS) {
    const asked = override[field];
    if (asked === undefined) continue;
    if (parseQuantity(asked) > parseQuantity(maxima[field])) {
      throw new InputError(
        `quota.${field} (${QUOTA_HARD_KEYS[field]}) = ${asked} exceeds the maximum ${maxima[field]}`,
      );
    }
    (result as Record<string, string | number>)[field] = asked;
  }
  return result;
}

export function quotaToHard(quota: WorkspaceQuota): Record<string, string> {
  return Object.fromEntries(
    FIELDS.map(f => [QUOTA_HARD_KEYS[f], String(quota[f])]),
  );
}

/** Reads back a ResourceQuota's `spec.hard`; fields it lacks come from `fallback`. */
export function hardToQuota(
  hard: Record<string, string | number> | undefined,
  fallback: WorkspaceQuota,
): WorkspaceQuota {
  const result = { ...fallback };
  for (const field of FIELDS) {
    const value = hard?.[QUOTA_HARD_KEYS[field]];
    if (value === undefined) continue;
    (result as Record<string, string | number>)[field] =
      field === 'persistentVolumeClaims' ? Number(value) : String(value);
  }
  return result;
}
