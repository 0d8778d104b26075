export { RollbackMenu } from './RollbackMenu';
export { RevisionsTable } from './RevisionsTable';
export type { RevisionsTableProps } from './RevisionsTable';
export { RollbackConfirmDialog } from './RollbackConfirmDialog';
