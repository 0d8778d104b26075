import { EmptyState } from '@backstage/core-components';

/** Tab 3.4: a later phase of the spec; says so rather than showing nothing. */
export function ServiceBackups() {
  return (
    <EmptyState
      missing="content"
      title="Backups are coming in a later release"
      description="Until then, deleting a service keeps its data volumes unless you choose to delete them."
    />
  );
}
