import { FormEvent, useState } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  userEntityRefSchema,
  type WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../lib/roles';
import { FormErrors } from '../shared/FormErrors';
import { DialogButtons } from '../shared/DialogButtons';
import { FormDialog } from '../shared/FormDialog';

export interface AddMemberDialogProps {
  open: boolean;
  workspaceId: string;
  /** The roles the caller may give (owner only for owners). */
  roles: WorkspaceRole[];
  onClose: () => void;
  /** Called after the backend added the member. */
  onAdded: (userRef: string) => void;
}

/**
 * A user as typed: a full entity ref (`user:default/jane`), or a bare name
 * (`jane`, `default/jane`) completed to one.
 */
export function toUserEntityRef(typed: string): string {
  const value = typed.trim();
  if (!value || value.includes(':')) return value;
  return value.includes('/') ? `user:${value}` : `user:default/${value}`;
}

/** A catalog user offered in the picker. */
interface UserOption {
  ref: string;
  /** Display name, or the entity name when the profile has none. */
  label: string;
}

const filterUsers = createFilterOptions<UserOption>({
  stringify: o => `${o.label} ${o.ref}`,
});

/**
 * The catalog's users, for the picker. Typing a ref by hand still works
 * when the catalog has none, is not installed or cannot be read (the picker is a help, not a
 * gate: the backend accepts any user entity ref).
 */
function useCatalogUsers(open: boolean) {
  // An app without the catalog still gets the dialog, with free text only.
  const catalogApi = useApiHolder().get(catalogApiRef);
  return useAsync(async (): Promise<UserOption[]> => {
    if (!open || !catalogApi) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'User' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.profile.displayName',
      ],
    });
    return items
      .map(entity => ({
        ref: stringifyEntityRef(entity),
        label:
          (entity.spec as { profile?: { displayName?: string } } | undefined)
            ?.profile?.displayName || entity.metadata.name,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi, open]);
}

/** Adds a user to a workspace with a role. */
export function AddMemberDialog(props: AddMemberDialogProps) {
  const api = useCloudServicesApi();
  const users = useCatalogUsers(props.open);
  const [user, setUser] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('member');
  const [userError, setUserError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = userEntityRefSchema.safeParse(toUserEntityRef(user));
    if (!parsed.success) {
      setUserError(
        user.trim() ? parsed.error.issues[0].message : 'is required',
      );
      return;
    }
    setUserError(undefined);
    setFormError(undefined);
    setSaving(true);
    try {
      await api.addMember(props.workspaceId, { userRef: parsed.data, role });
      setUser('');
      setRole('member');
      props.onAdded(parsed.data);
    } catch (error) {
      const field = fieldErrorsOf(error).find(f => f.field === 'userRef');
      if (field) setUserError(field.message);
      else setFormError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const ref = toUserEntityRef(user);
  return (
    <FormDialog
      open={props.open}
      onClose={props.onClose}
      id="add-member"
      title="Add member"
      onSubmit={submit}
      buttons={
        <DialogButtons
          label="Add member"
          busyLabel="Adding…"
          busy={saving}
          onCancel={props.onClose}
        />
      }
    >
      <FormErrors message={formError} />
      <Autocomplete<UserOption, false, false, true>
        id="member-user"
        freeSolo
        options={users.value ?? []}
        loading={users.loading}
        filterOptions={filterUsers}
        getOptionLabel={o => (typeof o === 'string' ? o : o.ref)}
        renderOption={o => (
          <span>
            {o.label}{' '}
            <Typography component="span" variant="body2" color="textSecondary">
              {o.ref}
            </Typography>
          </span>
        )}
        inputValue={user}
        onInputChange={(_event, value) => {
          setUser(value);
          setUserError(undefined);
        }}
        renderInput={params => (
          <TextField
            {...params}
            label="User"
            placeholder="jane or user:default/jane"
            error={!!userError}
            helperText={
              userError
                ? `User ${userError}`
                : `Their catalog user${ref ? `: ${ref}` : ''}`
            }
            fullWidth
            margin="normal"
          />
        )}
      />
      <TextField
        id="member-role"
        select
        label="Role"
        value={role}
        onChange={e => setRole(e.target.value as WorkspaceRole)}
        helperText={ROLE_DESCRIPTIONS[role]}
        fullWidth
        margin="normal"
      >
        {props.roles.map(r => (
          <MenuItem key={r} value={r}>
            {ROLE_LABELS[r]}
          </MenuItem>
        ))}
      </TextField>
    </FormDialog>
  );
}
