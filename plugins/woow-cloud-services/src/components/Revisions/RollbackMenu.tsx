import { useState } from 'react';
import Button from '@material-ui/core/Button';
import ListItemText from '@material-ui/core/ListItemText';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import HistoryIcon from '@material-ui/icons/History';
import useAsync from 'react-use/esm/useAsync';
import {
  TRANSITIONAL_STATES,
  type CloudService,
  type Revision,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { errorMessage } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { RollbackConfirmDialog } from './RollbackConfirmDialog';

/** The header's "Rollback" dropdown listing earlier revisions. */
export function RollbackMenu(props: {
  service: CloudService;
  onRolledBack: () => void;
}) {
  const { service } = props;
  const api = useCloudServicesApi();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [chosen, setChosen] = useState<Revision>();
  // Revisions are read each time the menu opens: they change with upgrades.
  const revisions = useAsync(
    async () =>
      anchor ? api.listRevisions(service.workspaceId, service.id) : undefined,
    [api, anchor, service.workspaceId, service.id],
  );
  // Helm's own idea of the deployed revision wins over the service row's.
  const current = revisions.value?.currentRevision ?? service.helmRevision;
  const earlier = (revisions.value?.items ?? [])
    .filter(r => r.revision !== current)
    .sort((a, b) => b.revision - a.revision);

  let items: JSX.Element[];
  if (revisions.loading || (!revisions.value && !revisions.error)) {
    items = [
      <MenuItem key="loading" disabled>
        Loading revisions…
      </MenuItem>,
    ];
  } else if (revisions.error) {
    items = [
      <MenuItem key="error" disabled>
        Could not load revisions: {errorMessage(revisions.error)}
      </MenuItem>,
    ];
  } else if (earlier.length === 0) {
    items = [
      <MenuItem key="none" disabled>
        No earlier revision to roll back to
      </MenuItem>,
    ];
  } else {
    items = earlier.map(r => (
      <MenuItem
        key={r.revision}
        onClick={() => {
          setAnchor(null);
          setChosen(r);
        }}
      >
        <ListItemText
          primary={`Revision ${r.revision} · ${r.chart}`}
          secondary={`${r.status}, ${formatTimestamp(r.updated)} — ${
            r.description
          }`}
        />
      </MenuItem>
    ));
  }

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<HistoryIcon />}
        aria-haspopup="menu"
        aria-controls="rollback-menu"
        onClick={e => setAnchor(e.currentTarget)}
        disabled={TRANSITIONAL_STATES.has(service.state)}
      >
        Rollback
      </Button>
      <Menu
        id="rollback-menu"
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
      >
        {items}
      </Menu>
      {chosen && (
        <RollbackConfirmDialog
          service={service}
          revision={chosen}
          onClose={() => setChosen(undefined)}
          onDone={() => {
            setChosen(undefined);
            props.onRolledBack();
          }}
        />
      )}
    </>
  );
}
