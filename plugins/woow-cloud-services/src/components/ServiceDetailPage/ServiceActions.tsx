import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import DeleteIcon from '@material-ui/icons/Delete';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import type { CloudService } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { WorkspaceCapabilities } from '../../lib/roles';
import { DeleteServiceModal } from '../DeleteServiceModal';
import { RollbackMenu } from '../Revisions';

/** The header's quick actions, each shown only to roles allowed to use it. */
export function ServiceActions(props: {
  service: CloudService;
  capabilities: WorkspaceCapabilities;
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const { service, capabilities } = props;
  const [deleting, setDeleting] = useState(false);
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} mb={2}>
      {/* Apps without a web UI (databases...) are reached through the Connect card. */}
      {service.publicUrl && (
        <Button
          variant="contained"
          color="primary"
          href={service.publicUrl}
          target="_blank"
          rel="noopener noreferrer"
          startIcon={<OpenInNewIcon />}
          disabled={service.state !== 'running'}
        >
          Open Web UI
        </Button>
      )}
      {capabilities.canDeploy && (
        <RollbackMenu service={service} onRolledBack={props.onChanged} />
      )}
      {capabilities.canDelete && (
        <Button
          variant="outlined"
          color="secondary"
          startIcon={<DeleteIcon />}
          onClick={() => setDeleting(true)}
          disabled={service.state === 'deleting'}
        >
          Delete
        </Button>
      )}
      {deleting && (
        <DeleteServiceModal
          open
          service={service}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            setDeleting(false);
            props.onDeleted();
          }}
        />
      )}
    </Box>
  );
}
