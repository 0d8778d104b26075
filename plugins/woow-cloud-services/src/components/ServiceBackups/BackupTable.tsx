import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import { Table, type TableColumn } from '@backstage/core-components';
import type { ServiceBackup } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { formatBytes, formatTimestamp } from '../../lib/format';

const STATUS_LABELS: Record<ServiceBackup['status'], string> = {
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/** Who took it, in words: the scheduler, or the user's name from the ref. */
export function backupAuthor(backup: ServiceBackup): string {
  if (backup.kind === 'scheduled') return 'Schedule';
  // user:default/jane -> jane: the name, without kind and namespace.
  return backup.createdBy
    .replace(/^user:/, '')
    .split('/')
    .pop()!;
}

export interface BackupActions {
  onRestore(backup: ServiceBackup): void;
  onRestoreAsNew(backup: ServiceBackup): void;
  onDelete(backup: ServiceBackup): void;
}

/** The backups of a service, newest first; actions for those who may. */
export function BackupTable(props: {
  backups: ServiceBackup[];
  /** Absent: no actions (members and viewers, or no backup storage). */
  actions?: BackupActions;
  /** Nothing may start while the service is busy (restoring...). */
  busy: boolean;
}) {
  const { actions, busy } = props;
  const columns: TableColumn<ServiceBackup>[] = [
    {
      title: 'Time',
      render: b => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatTimestamp(b.createdAt)}
        </span>
      ),
    },
    {
      title: 'Size',
      render: b => (b.sizeBytes === null ? '—' : formatBytes(b.sizeBytes)),
    },
    {
      title: 'Status',
      render: b => (
        <span title={b.message ?? undefined}>
          <Chip
            size="small"
            label={STATUS_LABELS[b.status]}
            color={b.status === 'failed' ? 'secondary' : 'default'}
          />
          {b.status === 'failed' && b.message && (
            <div style={{ fontSize: '0.8rem' }}>{b.message}</div>
          )}
        </span>
      ),
    },
    {
      title: 'Kind',
      render: b => (b.kind === 'manual' ? 'Manual' : 'Scheduled'),
    },
    { title: 'Who', render: backupAuthor },
  ];
  if (actions) {
    columns.push({
      title: 'Actions',
      render: b => {
        const when = formatTimestamp(b.createdAt);
        const finished = b.status === 'succeeded' || b.status === 'failed';
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            {b.status === 'succeeded' && (
              <>
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() => actions.onRestore(b)}
                  aria-label={`Restore the backup of ${when}`}
                >
                  Restore
                </Button>
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() => actions.onRestoreAsNew(b)}
                  aria-label={`Restore as new service from the backup of ${when}`}
                >
                  Restore as new
                </Button>
              </>
            )}
            <Button
              size="small"
              color="secondary"
              disabled={!finished}
              onClick={() => actions.onDelete(b)}
              aria-label={`Delete the backup of ${when}`}
            >
              Delete
            </Button>
          </span>
        );
      },
    });
  }
  return (
    <Table<ServiceBackup>
      title="Backups"
      // No sort labels: they are buttons inside the header cells (nested-interactive).
      options={{
        paging: false,
        search: false,
        sorting: false,
        padding: 'dense',
      }}
      columns={columns}
      data={props.backups}
    />
  );
}
