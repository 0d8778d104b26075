import { useCallback, useEffect } from 'react';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import {
  SubdomainCheck,
  useSubdomainAvailability,
} from '../../hooks/useSubdomainAvailability';

export type { SubdomainCheck };

export interface SubdomainFieldProps {
  value: string;
  onChange: (value: string) => void;
  baseDomain?: string;
  /** A server-side problem from the last launch attempt. */
  error?: string;
  onCheck?: (check: SubdomainCheck) => void;
}

/**
 * The subdomain input with a live availability check
 * (useSubdomainAvailability). A check the server could not answer does not
 * block: the server checks again at launch.
 */
export function SubdomainField(props: SubdomainFieldProps) {
  const { value, baseDomain, onCheck } = props;
  const api = useCloudServicesApi();
  const ask = useCallback(
    (subdomain: string) => api.checkSubdomain(subdomain),
    [api],
  );
  const check = useSubdomainAvailability(value, ask);

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
