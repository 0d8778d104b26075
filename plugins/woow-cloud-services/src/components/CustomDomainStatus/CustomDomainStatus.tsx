import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  CloudService,
  CustomDomainState,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { submitErrorMessage } from '../shared/submitError';

const LABEL: Record<CustomDomainState, string> = {
  verified: 'Verified',
  pending: 'Waiting for DNS',
  failed: 'Not verified',
};
const COLOR: Record<CustomDomainState, { bg: string; fg: string }> = {
  verified: { bg: '#e6f4ea', fg: '#1b5e20' },
  pending: { bg: '#fff4e5', fg: '#8a5300' },
  failed: { bg: '#fdecea', fg: '#b71c1c' },
};

export interface CustomDomainStatusProps {
  service: CloudService;
  /** Members and up may ask for a check. */
  canCheck: boolean;
  /** The check changed the service: the caller reloads it. */
  onChecked: () => void;
}

/**
 * A service's custom domain and where its DNS proof stands: served
 * (verified), or not yet, with the records that would prove it and a
 * "Check now" button.
 */
export function CustomDomainStatus(props: CustomDomainStatusProps) {
  const { service } = props;
  const api = useCloudServicesApi();
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string>();
  const verification = service.customDomainVerification;
  if (!service.customDomain) return <>None</>;
  const state = verification?.state ?? 'pending';

  const check = async () => {
    setChecking(true);
    setError(undefined);
    try {
      await api.checkCustomDomain(service.workspaceId, service.id);
      props.onChecked();
    } catch (e) {
      setError(submitErrorMessage(e));
    } finally {
      setChecking(false);
    }
  };

  return (
    <Box component="span" display="block">
      {service.customDomain}{' '}
      <Chip
        size="small"
        label={LABEL[state]}
        aria-label={`Custom domain status: ${LABEL[state]}`}
        style={{
          backgroundColor: COLOR[state].bg,
          color: COLOR[state].fg,
          fontWeight: 600,
        }}
      />
      {verification?.message && (
        <Typography
          variant="body2"
          color={state === 'failed' ? 'error' : 'textSecondary'}
        >
          {verification.message}
        </Typography>
      )}
      {state !== 'verified' && verification && (
        <>
          <Typography variant="body2">
            The domain is served once DNS proves it is yours. Set one of these
            records at your DNS provider:
          </Typography>
          <Table size="small" aria-label="DNS records that prove the domain">
            <TableHead>
              <TableRow>
                <TableCell>Type</TableCell>
                <TableCell>Name</TableCell>
                <TableCell>Value</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {verification.records.map(record => (
                <TableRow key={record.type}>
                  <TableCell>{record.type}</TableCell>
                  <TableCell style={{ overflowWrap: 'anywhere' }}>
                    {record.name}
                  </TableCell>
                  <TableCell style={{ overflowWrap: 'anywhere' }}>
                    {record.value}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {props.canCheck && (
            <Button
              size="small"
              variant="outlined"
              onClick={check}
              disabled={checking}
              aria-label={`Check the DNS of ${service.customDomain} now`}
            >
              {checking ? 'Checking…' : 'Check now'}
            </Button>
          )}
        </>
      )}
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
    </Box>
  );
}
