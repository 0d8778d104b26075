import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { useCallback } from 'react';
import { useSubdomainAvailability } from '../hooks/useSubdomainAvailability';
import { fetchSubdomainAvailability } from './requests';

/**
 * `ui:field: SubdomainPicker`: a text field that says, as the user types,
 * whether `<subdomain>.<base domain>` is free, taken, reserved or breaks
 * the DNS label rule (useSubdomainAvailability, as the launch form). Its
 * validation (subdomainValidation.ts) asks again on Next, so a subdomain
 * taken meanwhile still blocks the step.
 */
export const SubdomainPicker = (
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
  const subdomain = formData ?? '';
  const ask = useCallback(
    (value: string, signal: AbortSignal) =>
      fetchSubdomainAvailability({ fetchApi, discoveryApi }, value, signal),
    [fetchApi, discoveryApi],
  );
  const check = useSubdomainAvailability(subdomain, ask);

  let help: string | undefined = schema.description;
  let bad = (rawErrors?.length ?? 0) > 0;
  if (check.state === 'invalid') {
    help = `${subdomain} ${check.message}`;
    bad = true;
  } else if (check.state === 'checking') {
    help = `Checking ${subdomain}...`;
  } else if (check.state === 'unknown' && check.failure) {
    help = `Could not check ${subdomain}: ${check.failure}`;
  } else if (check.state === 'available') {
    help = `${check.fqdn} is available`;
  } else if (check.state === 'taken') {
    help = `${check.fqdn} ${check.reason}`;
    bad = true;
  }

  return (
    <TextField
      id={idSchema?.$id ?? 'subdomain-picker'}
      label={schema.title ?? 'Subdomain'}
      fullWidth
      margin="normal"
      required={required}
      disabled={disabled}
      value={subdomain}
      error={bad}
      helperText={help}
      inputProps={{
        'aria-describedby': undefined,
        autoComplete: 'off',
        spellCheck: false,
      }}
      // DNS labels are lower case: typing "Orders" should not be an error.
      onChange={event =>
        onChange(event.target.value.trim().toLowerCase() || undefined)
      }
    />
  );
};
