import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import AddIcon from '@material-ui/icons/Add';
import useAsync from 'react-use/esm/useAsync';
import { useNavigate } from 'react-router-dom';
import {
  ContentHeader,
  HeaderLabel,
  LinkButton,
  WarningPanel,
} from '@backstage/core-components';
import {
  TRANSITIONAL_STATES,
  type CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { usePaths } from '../../hooks/usePaths';
import { usePolledResource } from '../../hooks/usePolledResource';
import { transitionPollMs } from '../../hooks/useServiceData';
import {
  useSignalsAvailable,
  useWorkspaceSignals,
} from '../../hooks/useWorkspaceSignals';
import { capabilitiesFor, ROLE_LABELS } from '../../lib/roles';
import { errorMessage } from '../../lib/errors';
import { CloudServicesPage } from '../shared/CloudServicesPage';
import { LoadingOrError } from '../shared/LoadingOrError';
import { ServiceCard } from '../ServiceCard';
import { WorkspaceMembersCard } from '../WorkspaceMembers';
import { GetStartedGuide } from './GetStartedGuide';

function pollWhileAnyTransitional(
  services: CloudService[] | undefined,
  everyMs: number,
) {
  return services?.some(s => TRANSITIONAL_STATES.has(s.state))
    ? everyMs
    : undefined;
}

/** A workspace's services (Flow 2 and 3 start here). */
export function WorkspaceDashboardPage(props: { workspaceId: string }) {
  const { workspaceId } = props;
  const api = useCloudServicesApi();
  const paths = usePaths();
  const navigate = useNavigate();
  const workspace = usePolledResource(
    () => api.getWorkspace(workspaceId),
    [api, workspaceId],
  );
  // Pushed changes reload the list; polling is the fallback (see useServiceData).
  const everyMs = transitionPollMs(useSignalsAvailable());
  const services = usePolledResource(
    () => api.listServices(workspaceId),
    [api, workspaceId],
    { pollMs: list => pollWhileAnyTransitional(list, everyMs) },
  );
  useWorkspaceSignals(workspaceId, signal => {
    if (signal.type === 'service-changed') services.reload();
    else workspace.reload();
  });
  // Icons are decoration: the dashboard works without them.
  const templates = useAsync(() => api.listTemplates(), [api]);
  const iconByTemplate = useMemo(
    () => new Map((templates.value ?? []).map(t => [t.id, t.iconUrl])),
    [templates.value],
  );

  const ws = workspace.value;
  const caps = capabilitiesFor(ws?.myRole);
  const list = services.value;

  const loadState = (!ws || !list) && (
    <LoadingOrError
      loading={workspace.loading || services.loading}
      error={workspace.error ?? services.error}
      what={workspace.error ? 'workspace' : 'services'}
    />
  );

  return (
    <CloudServicesPage
      title={ws?.name ?? 'Workspace'}
      subtitle={ws?.description}
      typeLink={paths.root()}
      headerContent={
        ws && <HeaderLabel label="Your role" value={ROLE_LABELS[caps.role]} />
      }
    >
      {loadState || (
        <>
          {list && list.length === 0 ? (
            <GetStartedGuide
              newServiceHref={paths.newService(workspaceId)}
              canDeploy={caps.canDeploy}
            />
          ) : (
            <>
              <ContentHeader title="Services">
                {caps.canDeploy && (
                  <LinkButton
                    to={paths.newService(workspaceId)}
                    variant="contained"
                    color="primary"
                    startIcon={<AddIcon />}
                  >
                    Add Service
                  </LinkButton>
                )}
              </ContentHeader>
              {services.error && (
                <WarningPanel
                  severity="warning"
                  title="Could not refresh the services; showing the last known state"
                  message={errorMessage(services.error)}
                />
              )}
              <Grid container spacing={2}>
                {list?.map(service => (
                  <Grid item xs={12} sm={6} lg={4} key={service.id}>
                    <ServiceCard
                      service={service}
                      iconUrl={iconByTemplate.get(service.templateId)}
                      href={paths.service(workspaceId, service.id)}
                    />
                  </Grid>
                ))}
              </Grid>
            </>
          )}
          <Box mt={4}>
            <WorkspaceMembersCard
              workspaceId={workspaceId}
              myRole={ws?.myRole}
              onMyRoleChanged={() => workspace.reload()}
              onLeft={() => navigate(paths.root())}
            />
          </Box>
        </>
      )}
    </CloudServicesPage>
  );
}
