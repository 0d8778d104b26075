import type { ServiceRecord } from '../database/ServiceStore';

/**
 * What one reconciler pass runs as one unit: a pending operation (or a
 * pending row to repair) on its own, or the health checks of the services
 * of one namespace, which share one operator call.
 */
export type UnitOfWork =
  | { kind: 'operation'; records: [ServiceRecord] }
  | { kind: 'health'; namespace: string; records: ServiceRecord[] };

/** Operations first, in the given (priority) order; then one unit per namespace. */
export function unitsOfWork(records: ServiceRecord[]): UnitOfWork[] {
  const operations: UnitOfWork[] = [];
  const byNamespace = new Map<string, ServiceRecord[]>();
  for (const record of records) {
    if (record.pendingAction || record.state === 'pending') {
      operations.push({ kind: 'operation', records: [record] });
    } else {
      const group = byNamespace.get(record.helmNamespace) ?? [];
      group.push(record);
      byNamespace.set(record.helmNamespace, group);
    }
  }
  return [
    ...operations,
    ...[...byNamespace].map(
      ([namespace, group]): UnitOfWork => ({
        kind: 'health',
        namespace,
        records: group,
      }),
    ),
  ];
}
