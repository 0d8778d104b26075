import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import { EmptyState } from '@backstage/core-components';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { usePaths } from '../../hooks/usePaths';
import { usePolledResource } from '../../hooks/usePolledResource';
import { capabilitiesFor } from '../../lib/roles';
import { AppCard } from '../AppCard';
import { CategoryChoice, CategoryFilter } from '../CategoryFilter';
import { CloudServicesPage } from '../shared/CloudServicesPage';
import { LoadingOrError } from '../shared/LoadingOrError';
import { filterTemplates } from './filterTemplates';

/** The Application Marketplace (F1). */
export function AppMarketplacePage(props: { workspaceId: string }) {
  const { workspaceId } = props;
  const api = useCloudServicesApi();
  const paths = usePaths();
  const [category, setCategory] = useState<CategoryChoice>('all');
  const [search, setSearch] = useState('');
  const templates = usePolledResource(() => api.listTemplates(), [api]);
  const workspace = usePolledResource(
    () => api.getWorkspace(workspaceId),
    [api, workspaceId],
  );
  const caps = capabilitiesFor(workspace.value?.myRole);

  const shown = useMemo(
    () => filterTemplates(templates.value ?? [], category, search),
    [templates.value, category, search],
  );

  let body: JSX.Element;
  if (!templates.value || !workspace.value) {
    body = (
      <LoadingOrError
        loading={templates.loading || workspace.loading}
        error={templates.error ?? workspace.error}
        what={templates.error ? 'marketplace' : 'workspace'}
      />
    );
  } else if (templates.value.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="The marketplace has no applications yet"
        description="A platform administrator adds applications as marketplace definitions."
      />
    );
  } else if (shown.length === 0) {
    body = (
      <EmptyState
        missing="content"
        title="No applications match"
        description="Try another word or category."
        action={
          <Button
            variant="outlined"
            onClick={() => {
              setSearch('');
              setCategory('all');
            }}
          >
            Clear filters
          </Button>
        }
      />
    );
  } else {
    body = (
      <Grid container spacing={2}>
        {shown.map(template => (
          <Grid item xs={12} sm={6} md={4} key={template.id}>
            <AppCard
              template={template}
              configureHref={
                caps.canDeploy
                  ? paths.configure(workspaceId, template.id)
                  : undefined
              }
            />
          </Grid>
        ))}
      </Grid>
    );
  }

  return (
    <CloudServicesPage
      title="Application Marketplace"
      subtitle={workspace.value?.name}
      type="Back to workspace"
      typeLink={paths.workspace(workspaceId)}
    >
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={2}
        style={{ gap: 16 }}
      >
        <TextField
          variant="outlined"
          size="small"
          placeholder="Search by name or tag"
          value={search}
          onChange={e => setSearch(e.target.value)}
          inputProps={{ 'aria-label': 'Search applications' }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
        />
        <CategoryFilter value={category} onChange={setCategory} />
      </Box>
      {body}
    </CloudServicesPage>
  );
}
