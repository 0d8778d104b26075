import { V1LabelSelector } from '@kubernetes/client-node';

/**
 * Whether labels satisfy a Kubernetes label selector (matchLabels and
 * matchExpressions, all of them), as the API server's list would decide.
 * An empty or absent selector matches everything, like an empty
 * `labelSelector` query.
 */
export function selectorMatches(
  selector: V1LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    if (have[key] !== value) return false;
  }
  for (const e of selector?.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(have, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!present || !values.includes(have[e.key])) return false;
        break;
      case 'NotIn':
        if (present && values.includes(have[e.key])) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        // An operator this code does not know selects nothing (the API server would refuse it).
        return false;
    }
  }
  return true;
}
