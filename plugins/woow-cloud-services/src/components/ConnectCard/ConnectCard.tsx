import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import { CopyTextButton, InfoCard } from '@backstage/core-components';
import {
  serviceConnection,
  type AppTemplate,
  type CloudService,
  type RevealedCredentials,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { errorMessage } from '../../lib/errors';
import { DefinitionList } from '../shared/DefinitionList';

export interface ConnectCardProps {
  service: CloudService;
  template: AppTemplate;
  /** Workspace admins and owners: the backend checks the same permission. */
  canRevealCredentials: boolean;
}

function Copyable(props: { text: string; what: string }) {
  return (
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      <code>{props.text}</code>
      <CopyTextButton
        text={props.text}
        aria-label={`Copy ${props.what}`}
        tooltipText={`${props.what} copied`}
      />
    </Box>
  );
}

/**
 * How to reach the service: its in-cluster address (from other services of
 * the workspace), the `kubectl port-forward` command (from a workstation),
 * and for admins the credentials, revealed on demand and kept only in this
 * card's state.
 */
export function ConnectCard(props: ConnectCardProps) {
  const { service, template } = props;
  const api = useCloudServicesApi();
  const connection = serviceConnection(template, service);
  const [revealed, setRevealed] = useState<RevealedCredentials>();
  const [revealing, setRevealing] = useState(false);
  const [error, setError] = useState<string>();

  const reveal = async () => {
    setRevealing(true);
    setError(undefined);
    try {
      setRevealed(await api.revealCredentials(service.workspaceId, service.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRevealing(false);
    }
  };

  return (
    <InfoCard title="Connect">
      <DefinitionList
        items={[
          [
            'In-cluster address',
            <Copyable text={connection.address} what="In-cluster address" />,
          ],
          [
            'Port forward',
            <Copyable
              text={connection.portForwardCommand}
              what="Port-forward command"
            />,
          ],
        ]}
      />
      <Typography variant="body2" color="textSecondary">
        {service.webUi
          ? 'Other services of the workspace reach it at the in-cluster address; the public URL is for browsers.'
          : 'This application has no web UI and no public URL: connect from other services of the workspace, or forward the port to your machine.'}
      </Typography>
      {props.canRevealCredentials && !revealed && (
        <Box mt={2}>
          <Button
            variant="outlined"
            startIcon={<LockOpenIcon />}
            onClick={reveal}
            disabled={revealing}
          >
            Reveal credentials
          </Button>
          <Typography variant="caption" display="block" color="textSecondary">
            Each reveal is recorded in the audit log.
          </Typography>
        </Box>
      )}
      {error && (
        <Typography role="alert" color="error" variant="body2">
          Could not reveal the credentials: {error}
        </Typography>
      )}
      {revealed && (
        <Box mt={2} aria-label="Credentials" role="region">
          {revealed.items.length === 0 ? (
            <Typography variant="body2">
              This application has no credentials set.
            </Typography>
          ) : (
            <DefinitionList
              items={revealed.items.map(item => [
                item.label,
                <Copyable text={String(item.value)} what={item.label} />,
              ])}
            />
          )}
          <Button size="small" onClick={() => setRevealed(undefined)}>
            Hide credentials
          </Button>
        </Box>
      )}
    </InfoCard>
  );
}
