import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  roleAllows,
  serviceDeployPermission,
  type Workspace,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { fetchMyWorkspaces } from './requests';

/** Those who may deploy (members and up) can pick it; viewers see it disabled. */
export function canDeployIn(workspace: Workspace): boolean {
  return roleAllows(workspace.myRole, serviceDeployPermission);
}

/**
 * `ui:field: WorkspacePicker`: one of the user's workspaces, as a select.
 * With a single workspace to deploy in, it is chosen already.
 */
export const WorkspacePicker = (
  props: FieldExtensionComponentProps<string>,
) => {
  const {
    onChange,
    formData,
    required,
    disabled,
    rawErrors,
    schema,
    idSchema,
  } = props;
  const fetchApi = useApi(fetchApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const {
    value: workspaces,
    loading,
    error,
  } = useAsync(
    () => fetchMyWorkspaces({ fetchApi, discoveryApi }),
    [fetchApi, discoveryApi],
  );
  const deployable = (workspaces ?? []).filter(canDeployIn);

  useEffect(() => {
    if (!formData && deployable.length === 1) onChange(deployable[0].id);
  }, [formData, deployable, onChange]);

  let help = schema.description;
  if (error) help = `Could not load your workspaces: ${error.message}`;
  else if (workspaces && deployable.length === 0) {
    help =
      'You cannot deploy in any workspace yet: create one under Cloud Services first.';
  }
  const id = idSchema?.$id ?? 'workspace-picker';

  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      disabled={disabled || loading}
      error={!!error || (rawErrors?.length ?? 0) > 0}
    >
      <InputLabel id={`${id}-label`}>{schema.title ?? 'Workspace'}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={formData ?? ''}
        onChange={event => onChange(String(event.target.value) || undefined)}
      >
        {(workspaces ?? []).map(workspace => (
          <MenuItem
            key={workspace.id}
            value={workspace.id}
            disabled={!canDeployIn(workspace)}
          >
            {workspace.name} ({workspace.id})
            {canDeployIn(workspace) ? '' : ' - viewer, cannot deploy'}
          </MenuItem>
        ))}
      </Select>
      {help && <FormHelperText>{help}</FormHelperText>}
    </FormControl>
  );
};
