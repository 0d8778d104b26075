import { Route, Routes, useParams, useResolvedPath } from 'react-router-dom';
import { EmptyState, LinkButton } from '@backstage/core-components';
import { PathsProvider, usePaths } from '../../hooks/usePaths';
import { AppConfigurationPage } from '../AppConfigurationPage';
import { AppMarketplacePage } from '../AppMarketplacePage';
import { CloudServicesPage } from '../shared/CloudServicesPage';
import { ServiceDetailPage } from '../ServiceDetailPage';
import { ServiceSelectionPage } from '../ServiceSelectionPage';
import { WorkspaceDashboardPage } from '../WorkspaceDashboardPage';
import { WorkspaceListPage } from '../WorkspaceListPage';

// Route elements read their params here so the pages themselves take plain
// props: they stay testable without a router, and `key` remounts a page
// (fresh state) when the user moves to another workspace or service.

function WorkspaceRoute() {
  const { workspaceId = '' } = useParams();
  return <WorkspaceDashboardPage key={workspaceId} workspaceId={workspaceId} />;
}

function NewServiceRoute() {
  const { workspaceId = '' } = useParams();
  return <ServiceSelectionPage key={workspaceId} workspaceId={workspaceId} />;
}

function MarketplaceRoute() {
  const { workspaceId = '' } = useParams();
  return <AppMarketplacePage key={workspaceId} workspaceId={workspaceId} />;
}

function ConfigureRoute() {
  const { workspaceId = '', templateId = '' } = useParams();
  return (
    <AppConfigurationPage
      key={`${workspaceId}/${templateId}`}
      workspaceId={workspaceId}
      templateId={templateId}
    />
  );
}

function ServiceRoute() {
  const { workspaceId = '', serviceId = '' } = useParams();
  return (
    <ServiceDetailPage
      key={`${workspaceId}/${serviceId}`}
      workspaceId={workspaceId}
      serviceId={serviceId}
    />
  );
}

function NotFound() {
  const paths = usePaths();
  return (
    <CloudServicesPage title="Page not found">
      <EmptyState
        missing="content"
        title="There is no Cloud Services page at this address"
        action={
          <LinkButton to={paths.root()} variant="contained" color="primary">
            Your workspaces
          </LinkButton>
        }
      />
    </CloudServicesPage>
  );
}

/**
 * The plugin page's own routes (the spec's `#/workspaces/:id/...` pages),
 * relative to wherever the app mounts the page.
 */
export function CloudServicesRouter() {
  const basePath = useResolvedPath('.').pathname;
  return (
    <PathsProvider basePath={basePath}>
      <Routes>
        <Route path="/" element={<WorkspaceListPage />} />
        <Route path="workspaces/:workspaceId" element={<WorkspaceRoute />} />
        <Route
          path="workspaces/:workspaceId/services/new"
          element={<NewServiceRoute />}
        />
        <Route
          path="workspaces/:workspaceId/services/marketplace"
          element={<MarketplaceRoute />}
        />
        <Route
          path="workspaces/:workspaceId/services/configure/:templateId"
          element={<ConfigureRoute />}
        />
        <Route
          path="workspaces/:workspaceId/services/:serviceId"
          element={<ServiceRoute />}
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </PathsProvider>
  );
}
