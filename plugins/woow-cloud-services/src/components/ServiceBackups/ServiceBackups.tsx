import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { EmptyState } from '@backstage/core-components';
import type {
  CloudService,
  ServiceBackup,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useBackupsClient } from '../../api/BackupsClient';
import { usePolledResource } from '../../hooks/usePolledResource';
import { useWorkspaceSignals } from '../../hooks/useWorkspaceSignals';
import { formatBytes } from '../../lib/format';
import { LoadingOrError } from '../shared/LoadingOrError';
import { submitErrorMessage } from '../shared/submitError';
import {
  DeleteBackupDialog,
  RestoreAsNewDialog,
  RestoreBackupDialog,
} from './BackupDialogs';
import { BackupScheduleForm } from './BackupScheduleForm';
import { BackupTable } from './BackupTable';

type OpenDialog =
  | { kind: 'restore' | 'restore-new' | 'delete'; backup: ServiceBackup }
  | undefined;

const IN_FLIGHT = new Set(['pending', 'running']);

/**
 * Tab 3.4: the service's backups (time, size, status, kind, who), "Back up
 * now" with progress, restore (over the service, or as a new service),
 * delete, and the schedule. Reloads on the workspace's backups-changed and
 * service-changed signals, and polls while a backup runs.
 */
export function ServiceBackups(props: {
  service: CloudService;
  canManage: boolean;
  baseDomain?: string;
  /** The service changed (a restore started): the page reads it again. */
  onChanged(): void;
}) {
  const { service, canManage } = props;
  const { workspaceId, id: serviceId } = service;
  const client = useBackupsClient();
  const backups = usePolledResource(
    () => client.list(workspaceId, serviceId),
    [client, workspaceId, serviceId],
    {
      pollMs: value =>
        value?.items.some(b => IN_FLIGHT.has(b.status)) ||
        service.state === 'restoring'
          ? 3000
          : undefined,
    },
  );
  const schedule = usePolledResource(
    () => client.getSchedule(workspaceId, serviceId),
    [client, workspaceId, serviceId],
  );
  useWorkspaceSignals(workspaceId, signal => {
    if (signal.type !== 'members-changed' && signal.serviceId === serviceId) {
      backups.reload();
    }
  });
  const [dialog, setDialog] = useState<OpenDialog>();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string>();

  if (!backups.value) {
    return (
      <LoadingOrError
        loading={backups.loading}
        error={backups.error}
        what="backups"
      />
    );
  }
  const list = backups.value;
  const mayAct = canManage && list.available;
  const running = list.items.find(b => IN_FLIGHT.has(b.status));
  const busy = service.state !== 'running' || Boolean(running);

  const backUpNow = async () => {
    setStarting(true);
    setStartError(undefined);
    try {
      await client.backUpNow(workspaceId, serviceId);
      await backups.reload();
    } catch (error) {
      setStartError(submitErrorMessage(error));
    } finally {
      setStarting(false);
    }
  };
  const after = async () => {
    await backups.reload();
    props.onChanged();
  };

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      {!list.available && (
        <Alert severity="info">
          Backups are not available: {list.unavailableReason}
        </Alert>
      )}
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        {mayAct && (
          <Button
            variant="contained"
            color="primary"
            onClick={backUpNow}
            disabled={starting || busy}
          >
            {starting ? 'Starting…' : 'Back up now'}
          </Button>
        )}
        <Typography variant="body2">
          Backup storage of this workspace: {formatBytes(list.usage.usedBytes)}
          {list.usage.quotaBytes !== null &&
            ` of ${formatBytes(list.usage.quotaBytes)}`}
        </Typography>
      </Box>
      {!canManage && (
        <Typography variant="body2">
          Workspace admins and owners back up, restore and delete backups.
        </Typography>
      )}
      {startError && (
        <Alert severity="error" role="alert">
          {startError}
        </Alert>
      )}
      {running && (
        <Box role="status" aria-live="polite">
          <Typography variant="body2">
            Backing up (
            {running.status === 'pending' ? 'queued' : 'copying the volumes'})…
          </Typography>
          <LinearProgress aria-label="Backup in progress" />
        </Box>
      )}
      {list.items.length === 0 ? (
        <EmptyState
          missing="data"
          title="No backups yet"
          description={
            mayAct
              ? 'Back up now, or set a schedule below.'
              : 'Backups of this service will be listed here.'
          }
        />
      ) : (
        <BackupTable
          backups={list.items}
          busy={busy}
          actions={
            mayAct
              ? {
                  onRestore: backup => setDialog({ kind: 'restore', backup }),
                  onRestoreAsNew: backup =>
                    setDialog({ kind: 'restore-new', backup }),
                  onDelete: backup => setDialog({ kind: 'delete', backup }),
                }
              : undefined
          }
        />
      )}
      {schedule.value ? (
        <BackupScheduleForm
          current={schedule.value}
          canManage={mayAct}
          onSave={async body => {
            await client.putSchedule(workspaceId, serviceId, body);
            await schedule.reload();
          }}
        />
      ) : (
        <LoadingOrError
          loading={schedule.loading}
          error={schedule.error}
          what="backup schedule"
        />
      )}
      {dialog?.kind === 'restore' && (
        <RestoreBackupDialog
          backup={dialog.backup}
          serviceName={service.name}
          onClose={() => setDialog(undefined)}
          onConfirm={async () => {
            await client.restore(workspaceId, serviceId, dialog.backup.id, {
              target: 'same',
            });
            await after();
          }}
        />
      )}
      {dialog?.kind === 'restore-new' && (
        <RestoreAsNewDialog
          backup={dialog.backup}
          serviceName={service.name}
          webUi={service.webUi}
          baseDomain={props.baseDomain}
          onClose={() => setDialog(undefined)}
          onConfirm={async request => {
            await client.restore(workspaceId, serviceId, dialog.backup.id, {
              target: 'new',
              ...request,
            });
            await after();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteBackupDialog
          backup={dialog.backup}
          serviceName={service.name}
          onClose={() => setDialog(undefined)}
          onConfirm={async () => {
            await client.remove(workspaceId, serviceId, dialog.backup.id);
            await backups.reload();
          }}
        />
      )}
    </Box>
  );
}
