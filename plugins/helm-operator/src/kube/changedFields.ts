import { flattenValues } from '../service/diff';

/** Whether `path` is `prefix` or lies under it (`spec` covers `spec.x` and `spec[0]`). */
function under(path: string, prefix: string): boolean {
  return (
    path === prefix ||
    path.startsWith(`${prefix}.`) ||
    path.startsWith(`${prefix}[`)
  );
}

/**
 * The paths of the fields that differ between an object as deployed and as an
 * upgrade renders it, limited to the fields the API server named (its
 * Status causes, e.g. `spec`); metadata and status are left out, and values
 * never appear (a path only). Without the deployed object: the named fields.
 */
export function changedFieldPaths(
  before: object | undefined,
  after: object,
  within: readonly string[],
): string[] {
  if (!before) return [...within];
  const from = flattenValues(before);
  const to = flattenValues(after);
  const paths = new Set([...from.keys(), ...to.keys()]);
  const changed = [...paths]
    .filter(p => JSON.stringify(from.get(p)) !== JSON.stringify(to.get(p)))
    .filter(p => !under(p, 'metadata') && !under(p, 'status'))
    .filter(p => !within.length || within.some(w => under(p, w)));
  return changed.length ? changed.sort() : [...within];
}
