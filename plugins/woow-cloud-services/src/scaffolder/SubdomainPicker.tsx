import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { SubdomainAvailability } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import { fetchSubdomainAvailability } from './requests';
import { subdomainFormatProblem } from './subdomainValidation';

/** Long enough not to ask on every keystroke, short enough to feel live. */
export const CHECK_DELAY_MS = 400;

type Check =
  | { state: 'idle' }
  | { state: 'checking'; subdomain: string }
  | { state: 'done'; result: SubdomainAvailability }
  | { state: 'failed'; message: string };

/**
 * `ui:field: SubdomainPicker`: a text field that says, as the user types,
 * whether `<subdomain>.<base domain>` is free, taken, reserved or breaks
 * the DNS label rule. Its validation (subdomainValidation.ts) asks again on
 * Next, so a subdomain taken meanwhile still blocks the step.
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
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const subdomain = formData ?? '';
  const formatProblem = subdomain
    ? subdomainFormatProblem(subdomain)
    : undefined;

  useEffect(() => {
    if (!subdomain || formatProblem) {
      setCheck({ state: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    setCheck({ state: 'checking', subdomain });
    const timer = setTimeout(() => {
      fetchSubdomainAvailability(
        { fetchApi, discoveryApi },
        subdomain,
        controller.signal,
      ).then(
        result => setCheck({ state: 'done', result }),
        error => {
          if (!controller.signal.aborted)
            setCheck({ state: 'failed', message: error.message });
        },
      );
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [subdomain, formatProblem, fetchApi, discoveryApi]);

  let help: string | undefined = schema.description;
  let bad = (rawErrors?.length ?? 0) > 0;
  if (formatProblem) {
    help = `${subdomain} ${formatProblem}`;
    bad = true;
  } else if (check.state === 'checking') {
    help = `Checking ${subdomain}...`;
  } else if (check.state === 'failed') {
    help = `Could not check ${subdomain}: ${check.message}`;
  } else if (check.state === 'done') {
    const { result } = check;
    help = result.available
      ? `${result.fqdn} is available`
      : `${result.fqdn} ${result.reason ?? 'is not available'}`;
    bad = bad || !result.available;
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
