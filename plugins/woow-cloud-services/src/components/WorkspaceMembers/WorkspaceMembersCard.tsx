import { useMemo, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import PersonAddIcon from '@material-ui/icons/PersonAdd';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  WORKSPACE_ROLE_RANK,
  type WorkspaceMember,
  type WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { usePolledResource } from '../../hooks/usePolledResource';
import { errorMessage } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { capabilitiesFor, ROLE_LABELS, ROLES_BY_RANK } from '../../lib/roles';
import { DialogButtons } from '../shared/DialogButtons';
import { FormErrors } from '../shared/FormErrors';
import { LoadingOrError } from '../shared/LoadingOrError';
import { AddMemberDialog } from './AddMemberDialog';

export interface WorkspaceMembersCardProps {
  workspaceId: string;
  /** The caller's role in the workspace (undefined while it loads). */
  myRole?: WorkspaceRole;
  /** The caller's own role changed: the page should read it again. */
  onMyRoleChanged: () => void;
  /** The caller left the workspace. */
  onLeft: () => void;
}

function byRankThenName(a: WorkspaceMember, b: WorkspaceMember) {
  return (
    WORKSPACE_ROLE_RANK[b.role] - WORKSPACE_ROLE_RANK[a.role] ||
    a.userRef.localeCompare(b.userRef)
  );
}

/**
 * Who may use a workspace, and with which role. Admins add and remove
 * members and change roles; only owners touch owners; anyone may leave. The
 * backend enforces the same rules (and keeps the last owner); the card only
 * hides what would fail.
 */
export function WorkspaceMembersCard(props: WorkspaceMembersCardProps) {
  const { workspaceId } = props;
  const api = useCloudServicesApi();
  const identityApi = useApi(identityApiRef);
  const caps = capabilitiesFor(props.myRole);
  const members = usePolledResource(
    () => api.listMembers(workspaceId),
    [api, workspaceId],
  );
  const me = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<WorkspaceMember>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();

  const sorted = useMemo(
    () => [...(members.value ?? [])].sort(byRankThenName),
    [members.value],
  );
  const assignable = caps.canManageOwners
    ? ROLES_BY_RANK
    : ROLES_BY_RANK.filter(r => r !== 'owner');
  const canChange = (member: WorkspaceMember) =>
    caps.canManageMembers && (member.role !== 'owner' || caps.canManageOwners);

  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await what();
      return true;
    } catch (error) {
      setActionError(errorMessage(error));
      return false;
    } finally {
      setBusy(false);
      await members.reload();
    }
  };

  const changeRole = (member: WorkspaceMember, role: WorkspaceRole) =>
    act(async () => {
      await api.changeMemberRole(workspaceId, member.userRef, role);
      if (member.userRef === me.value) props.onMyRoleChanged();
    });

  const confirmRemove = async () => {
    const member = removing!;
    const self = member.userRef === me.value;
    setRemoving(undefined);
    const done = await act(() => api.removeMember(workspaceId, member.userRef));
    if (done && self) props.onLeft();
  };

  const leaving = removing && removing.userRef === me.value;
  return (
    <InfoCard
      title="Members"
      subheader="Who can see and change this workspace's services"
      action={
        caps.canManageMembers && (
          <Button
            color="primary"
            startIcon={<PersonAddIcon />}
            onClick={() => setAdding(true)}
            style={{ marginTop: 8 }}
          >
            Add member
          </Button>
        )
      }
    >
      <FormErrors message={actionError} />
      {(!members.value && (
        <LoadingOrError
          loading={members.loading}
          error={members.error}
          what="members"
        />
      )) || (
        <Table size="small" aria-label="Workspace members">
          <TableHead>
            <TableRow>
              <TableCell>User</TableCell>
              <TableCell>Role</TableCell>
              <TableCell>Added</TableCell>
              <TableCell align="right" aria-label="Actions" />
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map(member => {
              const self = member.userRef === me.value;
              return (
                <TableRow key={member.userRef}>
                  <TableCell>
                    {member.userRef}
                    {self && (
                      <Typography
                        component="span"
                        variant="body2"
                        color="textSecondary"
                      >
                        {' '}
                        (you)
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {canChange(member) ? (
                      <>
                        {/* Named "Role of <member> <role shown>": the visible
                          role is part of the name (WCAG 2.5.3). */}
                        <Typography
                          variant="srOnly"
                          id={`role-label-${member.userRef}`}
                        >
                          Role of {member.userRef}
                        </Typography>
                        <TextField
                          select
                          value={member.role}
                          disabled={busy}
                          SelectProps={{
                            labelId: `role-label-${member.userRef}`,
                            SelectDisplayProps: {
                              id: `role-value-${member.userRef}`,
                            },
                          }}
                          onChange={e =>
                            changeRole(member, e.target.value as WorkspaceRole)
                          }
                        >
                          {assignable.map(r => (
                            <MenuItem key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </MenuItem>
                          ))}
                        </TextField>
                      </>
                    ) : (
                      ROLE_LABELS[member.role]
                    )}
                  </TableCell>
                  <TableCell>
                    {formatTimestamp(member.addedAt)}
                    {member.addedBy !== member.userRef &&
                      ` by ${member.addedBy}`}
                  </TableCell>
                  <TableCell align="right">
                    {(self || canChange(member)) && (
                      <Button
                        size="small"
                        disabled={busy}
                        onClick={() => setRemoving(member)}
                        aria-label={
                          self ? 'Leave workspace' : `Remove ${member.userRef}`
                        }
                      >
                        {self ? 'Leave' : 'Remove'}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <AddMemberDialog
        open={adding}
        workspaceId={workspaceId}
        roles={assignable}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          members.reload();
        }}
      />
      <Dialog
        open={!!removing}
        onClose={() => setRemoving(undefined)}
        aria-labelledby="remove-member-title"
      >
        <DialogTitle id="remove-member-title">
          {leaving ? 'Leave this workspace?' : `Remove ${removing?.userRef}?`}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {leaving
              ? 'You will no longer see its services. An admin can add you again.'
              : 'They will no longer see or change its services. Their services keep running.'}
          </DialogContentText>
        </DialogContent>
        <DialogButtons
          label={leaving ? 'Leave' : 'Remove'}
          busyLabel={leaving ? 'Leaving…' : 'Removing…'}
          busy={busy}
          destructive
          onConfirm={confirmRemove}
          onCancel={() => setRemoving(undefined)}
        />
      </Dialog>
    </InfoCard>
  );
}
