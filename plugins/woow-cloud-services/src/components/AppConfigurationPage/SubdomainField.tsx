import { useEffect, useState } from 'react';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import { subdomainSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';

export type SubdomainCheck =
  | { state: 'invalid'; message: string }
  | { state: 'checking' }
  | { state: 'available'; fqdn: string }
  | { state: 'taken'; fqdn: string; reason: string }
  | { state: 'unknown' };

/** Wait for typing to pause before asking the server. */
export const SUBDOMAIN_CHECK_DELAY_MS = 400;

export interface SubdomainFieldProps {
  value: string;
  onChange: (value: string) => void;
  baseDomain?: string;
  /** A server-side problem from the last launch attempt. */
  error?: string;
  onCheck?: (check: SubdomainCheck) => void;
}

function localCheck(value: string): SubdomainCheck | undefined {
  const parsed = subdomainSchema.safeParse(value);
  return parsed.success
    ? undefined
    : {
        state: 'invalid',
        message: parsed.error.issues[0]?.message ?? 'is invalid',
      };
}

/**
 * The subdomain input with a live, debounced availability check: format
 * and reserved names are checked here at once, uniqueness by the server.
 */
export function SubdomainField(props: SubdomainFieldProps) {
  const { value, baseDomain, onCheck } = props;
  const api = useCloudServicesApi();
  const debounced = useDebouncedValue(value, SUBDOMAIN_CHECK_DELAY_MS);
  const [check, setCheck] = useState<SubdomainCheck>({ state: 'unknown' });

  useEffect(() => {
    const local = localCheck(value);
    setCheck(local ?? { state: 'checking' });
  }, [value]);

  useEffect(() => {
    if (localCheck(debounced)) return undefined;
    let current = true;
    api
      .checkSubdomain(debounced)
      .then(result => {
        if (!current) return;
        setCheck(
          result.available
            ? { state: 'available', fqdn: result.fqdn }
            : {
                state: 'taken',
                fqdn: result.fqdn,
                reason: result.reason ?? 'is taken',
              },
        );
      })
      // The server checks again at launch; an unreachable check must not block.
      .catch(() => current && setCheck({ state: 'unknown' }));
    return () => {
      current = false;
    };
  }, [api, debounced]);

  useEffect(() => {
    onCheck?.(check);
  }, [check, onCheck]);

  const fqdn = `${value || '…'}.${baseDomain ?? '…'}`;
  let helper: string;
  if (props.error) helper = `Subdomain ${props.error}`;
  else if (check.state === 'invalid') helper = `Subdomain ${check.message}`;
  else if (check.state === 'checking')
    helper = `Checking whether ${fqdn} is available…`;
  else if (check.state === 'available') helper = `${check.fqdn} is available`;
  else if (check.state === 'taken')
    helper = `${check.fqdn} is not available: ${check.reason}`;
  else helper = `Your service will be at ${fqdn}`;

  return (
    <TextField
      id="service-subdomain"
      label="Subdomain"
      value={value}
      onChange={e => props.onChange(e.target.value.toLowerCase())}
      error={
        !!props.error || check.state === 'invalid' || check.state === 'taken'
      }
      helperText={helper}
      fullWidth
      margin="normal"
      inputProps={{ 'aria-required': true, spellCheck: false }}
      FormHelperTextProps={{ 'aria-live': 'polite' } as object}
      InputProps={{
        endAdornment: baseDomain ? (
          <InputAdornment position="end">.{baseDomain}</InputAdornment>
        ) : undefined,
      }}
    />
  );
}
