/** One entry of a keyed comparison. */
export type EntryChange<V> =
  | { key: string; change: 'added'; to: V }
  | { key: string; change: 'removed'; from: V }
  | { key: string; change: 'changed'; from: V; to: V };

const sameJson = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed between two keyed sets of values, in key order: the one
 * definition of "added, removed, changed" behind the operator's values diff
 * (helm values' leaves by path) and the backend's upgrade preview (stored
 * values by key). `same` decides whether a key present on both sides is
 * unchanged (default: equal as JSON).
 */
export function diffEntries<V>(
  from: ReadonlyMap<string, V>,
  to: ReadonlyMap<string, V>,
  same: (a: V, b: V, key: string) => boolean = sameJson,
): EntryChange<V>[] {
  const keys = [...new Set([...from.keys(), ...to.keys()])].sort();
  const changes: EntryChange<V>[] = [];
  for (const key of keys) {
    const a = from.get(key);
    const b = to.get(key);
    if (!from.has(key)) changes.push({ key, change: 'added', to: b as V });
    else if (!to.has(key))
      changes.push({ key, change: 'removed', from: a as V });
    else if (!same(a as V, b as V, key))
      changes.push({ key, change: 'changed', from: a as V, to: b as V });
  }
  return changes;
}
