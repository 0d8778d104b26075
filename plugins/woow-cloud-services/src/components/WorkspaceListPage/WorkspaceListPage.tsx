import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { ContentHeader, EmptyState, Link } from '@backstage/core-components';
import type { Workspace } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { usePaths } from '../../hooks/usePaths';
import { usePolledResource } from '../../hooks/usePolledResource';
import { ROLE_LABELS } from '../../lib/roles';
import { CloudServicesPage } from '../shared/CloudServicesPage';
import { LoadingOrError } from '../shared/LoadingOrError';
import { UnmanagedReleasesCard } from '../UnmanagedReleases';
import { CreateWorkspaceDialog } from './CreateWorkspaceDialog';

function WorkspaceCard(props: { workspace: Workspace; href: string }) {
  const { workspace } = props;
  const count = workspace.serviceCount;
  return (
    <Card variant="outlined" component="article" aria-label={workspace.name}>
      <CardContent>
        <Typography variant="h6" component="h2">
          <Link to={props.href} aria-label={`Open workspace ${workspace.name}`}>
            {workspace.name}
          </Link>
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          {workspace.description || 'No description'}
        </Typography>
        {workspace.myRole && (
          <Chip size="small" label={`Role: ${ROLE_LABELS[workspace.myRole]}`} />
        )}{' '}
        {count !== undefined && (
          <Typography variant="caption" color="textSecondary">
            {count === 1 ? '1 service' : `${count} services`}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

/** The plugin's root page: the workspaces the user belongs to. */
export function WorkspaceListPage() {
  const api = useCloudServicesApi();
  const paths = usePaths();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const workspaces = usePolledResource(() => api.listWorkspaces(), [api]);

  const createButton = (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setCreating(true)}
    >
      Create Workspace
    </Button>
  );

  const items = workspaces.value;
  let body: JSX.Element;
  if (!items) {
    body = (
      <LoadingOrError
        loading={workspaces.loading}
        error={workspaces.error}
        what="workspaces"
      />
    );
  } else if (items.length === 0) {
    body = (
      <EmptyState
        missing="content"
        title="You are not in any workspace yet"
        description="A workspace groups the services a team deploys. Create one, or ask a workspace owner to add you."
        action={createButton}
      />
    );
  } else {
    body = (
      <Grid container spacing={2}>
        {items.map(workspace => (
          <Grid item xs={12} sm={6} md={4} key={workspace.id}>
            <WorkspaceCard
              workspace={workspace}
              href={paths.workspace(workspace.id)}
            />
          </Grid>
        ))}
      </Grid>
    );
  }

  return (
    <CloudServicesPage
      title="Cloud Services"
      subtitle="Deploy and run applications in your workspaces"
      type="Woow"
    >
      <ContentHeader title="Your workspaces">
        {items && items.length > 0 && createButton}
      </ContentHeader>
      {body}
      <Box mt={3}>
        <UnmanagedReleasesCard />
      </Box>
      {creating && (
        <CreateWorkspaceDialog
          open
          onClose={() => setCreating(false)}
          onCreated={workspace => navigate(paths.workspace(workspace.id))}
        />
      )}
    </CloudServicesPage>
  );
}
