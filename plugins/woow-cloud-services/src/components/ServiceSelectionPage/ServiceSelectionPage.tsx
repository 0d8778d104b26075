import { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import HomeIcon from '@material-ui/icons/Home';
import SecurityIcon from '@material-ui/icons/Security';
import {
  ContentHeader,
  LinkButton,
  WarningPanel,
} from '@backstage/core-components';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { usePaths } from '../../hooks/usePaths';
import { usePolledResource } from '../../hooks/usePolledResource';
import { capabilitiesFor } from '../../lib/roles';
import { CloudServicesPage } from '../shared/CloudServicesPage';
import { LoadingOrError } from '../shared/LoadingOrError';

function ServiceTypeCard(props: {
  title: string;
  description: string;
  icon: ReactNode;
  action: ReactNode;
  comingLater?: boolean;
}) {
  return (
    <Card
      variant="outlined"
      component="article"
      aria-label={props.title}
      aria-disabled={props.comingLater || undefined}
      style={{ opacity: props.comingLater ? 0.6 : 1, height: '100%' }}
    >
      <CardContent>
        {props.icon}
        <Typography variant="h6" component="h2">
          {props.title}{' '}
          {props.comingLater && <Chip size="small" label="Coming later" />}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {props.description}
        </Typography>
      </CardContent>
      <CardActions>{props.action}</CardActions>
    </Card>
  );
}

/** Step one of a deployment: which kind of service (only Cloud Services for now). */
export function ServiceSelectionPage(props: { workspaceId: string }) {
  const { workspaceId } = props;
  const api = useCloudServicesApi();
  const paths = usePaths();
  const workspace = usePolledResource(
    () => api.getWorkspace(workspaceId),
    [api, workspaceId],
  );
  const caps = capabilitiesFor(workspace.value?.myRole);

  return (
    <CloudServicesPage
      title="Add a service"
      subtitle={workspace.value?.name}
      type="Back to workspace"
      typeLink={paths.workspace(workspaceId)}
    >
      <ContentHeader title="Choose a service type" />
      {!workspace.value ? (
        <LoadingOrError
          loading={workspace.loading}
          error={workspace.error}
          what="workspace"
        />
      ) : (
        <>
          {!caps.canDeploy && (
            <WarningPanel
              severity="info"
              title="You cannot deploy in this workspace"
              message="Viewers can browse but not launch services. Ask a member, admin or owner."
            />
          )}
          <Grid container spacing={2}>
            <Grid item xs={12} md={4}>
              <ServiceTypeCard
                title="Cloud Services"
                description="Deploy containerized applications such as AnythingLLM, n8n, PostgreSQL or Redis with one click."
                icon={<CloudQueueIcon fontSize="large" color="primary" />}
                action={
                  <LinkButton
                    to={paths.marketplace(workspaceId)}
                    color="primary"
                    variant="contained"
                    aria-label="Choose Cloud Services"
                  >
                    Browse applications
                  </LinkButton>
                }
              />
            </Grid>
            <Grid item xs={12} md={4}>
              <ServiceTypeCard
                comingLater
                title="Security Access"
                description="Zero Trust tunnels for secure remote connections."
                icon={<SecurityIcon fontSize="large" />}
                action={<Button disabled>Coming later</Button>}
              />
            </Grid>
            <Grid item xs={12} md={4}>
              <ServiceTypeCard
                comingLater
                title="Smart Home Connect"
                description="Home Assistant and Woow App remote access."
                icon={<HomeIcon fontSize="large" />}
                action={<Button disabled>Coming later</Button>}
              />
            </Grid>
          </Grid>
        </>
      )}
    </CloudServicesPage>
  );
}
