/** Labels and annotations the operator puts on what it creates. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'woow-cloud-services';
export const WORKSPACE_LABEL = 'woow.cloud/workspace-id';
export const RELEASE_LABEL = 'woow.cloud/release';
/** The label helm charts put on their objects (and StatefulSet claim templates often carry). */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';

export const QUOTA_NAME = 'workspace-quota';
export const LIMIT_RANGE_NAME = 'workspace-limits';

export function managedLabels(
  extra: Record<string, string> = {},
): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, ...extra };
}

/**
 * `woow-op-<release>`: the name of the release's Lease and record ConfigMap,
 * trimmed to a DNS label (63) in case of a long custom prefix.
 */
export function operatorObjectName(releaseName: string): string {
  return `woow-op-${releaseName}`.slice(0, 63).replace(/-+$/, '');
}
