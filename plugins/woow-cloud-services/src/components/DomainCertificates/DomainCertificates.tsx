import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import type {
  CertificateState,
  CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import useAsync from 'react-use/esm/useAsync';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { formatTimestamp } from '../../lib/format';

export const CERTIFICATE_LABELS: Record<CertificateState, string> = {
  active: 'HTTPS',
  pending: 'Certificate pending',
  'not-covered': 'No certificate',
  expired: 'Certificate expired',
  error: 'Certificate error',
};

// The same pairs as the service state badges (each at least 5.7:1).
const COLORS: Record<CertificateState, { bg: string; fg: string }> = {
  active: { bg: '#e6f4ea', fg: '#1b5e20' },
  pending: { bg: '#e3f2fd', fg: '#0d47a1' },
  'not-covered': { bg: '#eceff1', fg: '#37474f' },
  expired: { bg: '#fdecea', fg: '#b71c1c' },
  error: { bg: '#fdecea', fg: '#b71c1c' },
};

export interface DomainCertificatesProps {
  service: CloudService;
}

/**
 * The service's addresses, each with the state of its TLS certificate (as
 * the cluster has it): https when the certificate is active, plain http
 * otherwise, and why in words. Until the backend answers, the service's
 * public URL as it is recorded.
 */
export function DomainCertificates({ service }: DomainCertificatesProps) {
  const api = useCloudServicesApi();
  const domains = useAsync(
    () => api.getServiceDomains(service.workspaceId, service.id),
    [api, service.workspaceId, service.id, service.version],
  );
  const list = domains.value?.domains ?? [];
  if (!list.length) {
    return (
      <>
        {service.publicUrl && (
          <Link
            to={service.publicUrl}
            target="_blank"
            rel="noopener noreferrer"
          >
            {service.publicUrl}
          </Link>
        )}
        {domains.error && (
          <Typography variant="body2" color="textSecondary">
            The certificate state cannot be read right now.
          </Typography>
        )}
      </>
    );
  }
  return (
    <>
      {list.map(({ host, url, tls }) => {
        const label = CERTIFICATE_LABELS[tls.state];
        const details = [
          tls.message,
          tls.issuer && `Issuer: ${tls.issuer}`,
          tls.notAfter && `Valid until ${formatTimestamp(tls.notAfter)}`,
        ].filter(Boolean);
        return (
          <Box key={host} component="span" display="block" mb={0.5}>
            <Link to={url} target="_blank" rel="noopener noreferrer">
              {url}
            </Link>{' '}
            <Chip
              size="small"
              label={label}
              aria-label={`TLS certificate of ${host}: ${label}`}
              style={{
                backgroundColor: COLORS[tls.state].bg,
                color: COLORS[tls.state].fg,
                fontWeight: 600,
              }}
            />
            {details.length > 0 && (
              <Typography variant="body2" color="textSecondary">
                {details.join('. ')}
              </Typography>
            )}
          </Box>
        );
      })}
    </>
  );
}
