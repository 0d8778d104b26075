import { useState } from 'react';
import Button from '@material-ui/core/Button';
import { Table, TableColumn } from '@backstage/core-components';
import {
  TRANSITIONAL_STATES,
  type CloudService,
  type Revision,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { usePolledResource } from '../../hooks/usePolledResource';
import { formatTimestamp } from '../../lib/format';
import { LoadingOrError } from '../shared/LoadingOrError';
import { RollbackConfirmDialog } from './RollbackConfirmDialog';

export interface RevisionsTableProps {
  service: CloudService;
  canRollback: boolean;
  onRolledBack: () => void;
}

/** Helm release history with a rollback action per earlier revision. */
export function RevisionsTable(props: RevisionsTableProps) {
  const { service, canRollback } = props;
  const api = useCloudServicesApi();
  const [chosen, setChosen] = useState<Revision>();
  const revisions = usePolledResource(
    () => api.listRevisions(service.workspaceId, service.id),
    // A new revision number means the history changed.
    [api, service.workspaceId, service.id, service.helmRevision],
  );
  const busy = TRANSITIONAL_STATES.has(service.state);
  const current = revisions.value?.currentRevision ?? service.helmRevision;

  if (!revisions.value) {
    return (
      <LoadingOrError
        loading={revisions.loading}
        error={revisions.error}
        what="revisions"
      />
    );
  }

  const columns: TableColumn<Revision>[] = [
    { title: 'Revision', field: 'revision', width: '90px' },
    { title: 'Status', field: 'status' },
    { title: 'Chart', field: 'chart' },
    { title: 'App version', field: 'appVersion' },
    { title: 'Deployed', render: r => formatTimestamp(r.updated) },
    { title: 'Description', field: 'description' },
    {
      title: 'Actions',
      render: r => {
        if (r.revision === current) return 'Current';
        if (!canRollback) return null;
        return (
          <Button
            size="small"
            variant="outlined"
            disabled={busy}
            onClick={() => setChosen(r)}
            aria-label={`Roll back to revision ${r.revision}`}
          >
            Roll back
          </Button>
        );
      },
    },
  ];

  return (
    <>
      <Table<Revision>
        title="Revisions"
        options={{ paging: false, search: false, sorting: false }}
        columns={columns}
        data={[...revisions.value.items].sort(
          (a, b) => b.revision - a.revision,
        )}
        emptyContent={<div style={{ padding: 16 }}>No revisions yet.</div>}
      />
      {chosen && (
        <RollbackConfirmDialog
          service={service}
          revision={chosen}
          onClose={() => setChosen(undefined)}
          onDone={() => {
            setChosen(undefined);
            revisions.reload();
            props.onRolledBack();
          }}
        />
      )}
    </>
  );
}
