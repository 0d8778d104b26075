import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  BASE_URL,
  errorResponse,
  renderWithBackend,
  serviceHandlers,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import {
  makeMetrics,
  makeRevisionList,
  makeService,
  makeTemplate,
  makeWorkspace,
} from '../../__testUtils__/fixtures';
import {
  EntityCloudServiceConfigurationContent,
  EntityCloudServiceLogsContent,
  EntityCloudServiceMetricsContent,
  EntityCloudServiceOverviewContent,
  EntityCloudServiceRevisionsContent,
} from './EntityCloudServiceContent';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'orders-db', annotations },
    spec: { type: 'cloud-service', owner: 'group:default/alpha' },
  };
}

const ANNOTATED = entity({
  'woow.cloud/service-id': 'svc1',
  'woow.cloud/workspace-id': 'ws1',
});

function renderTab(element: JSX.Element, e: Entity = ANNOTATED) {
  return renderWithBackend(
    <EntityProvider entity={e}>{element}</EntityProvider>,
  );
}

describe('entity contents', () => {
  const server = setupCloudServicesServer();

  function given(role: 'viewer' | 'admin') {
    server.use(
      ...serviceHandlers({
        service: makeService(),
        workspace: makeWorkspace(role),
        template: makeTemplate(),
        metrics: makeMetrics(),
        revisions: makeRevisionList(),
      }),
    );
  }

  it('names the missing annotations', async () => {
    renderTab(
      <EntityCloudServiceOverviewContent />,
      entity({ 'woow.cloud/service-id': 'svc1' }),
    );
    expect(
      await screen.findByText(/woow.cloud\/workspace-id/),
    ).toBeInTheDocument();
  });

  it('shows the overview of the annotated service', async () => {
    given('admin');
    renderTab(<EntityCloudServiceOverviewContent />);
    expect(await screen.findByText('Connection')).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Internal port' }),
    ).toHaveTextContent('5432');
  });

  it('shows the configuration, editable for deployers', async () => {
    given('admin');
    renderTab(<EntityCloudServiceConfigurationContent />);
    expect(
      await screen.findByRole('button', { name: 'Edit values' }),
    ).toBeInTheDocument();
  });

  it('shows the configuration read-only for viewers', async () => {
    given('viewer');
    renderTab(<EntityCloudServiceConfigurationContent />);
    expect(
      await screen.findByRole('table', { name: 'Helm values' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit values' }),
    ).not.toBeInTheDocument();
  });

  it('shows the metrics charts', async () => {
    given('viewer');
    renderTab(<EntityCloudServiceMetricsContent />);
    expect(
      await screen.findByRole('figure', { name: 'vCPU usage' }),
    ).toBeInTheDocument();
  });

  it('shows the logs tab with its pod picker', async () => {
    given('admin');
    server.use(
      http.get(`${BASE_URL}/workspaces/ws1/services/svc1/pods`, () =>
        HttpResponse.json({ pods: [] }),
      ),
    );
    renderTab(<EntityCloudServiceLogsContent />);
    expect(await screen.findByText('No pods yet')).toBeInTheDocument();
  });

  it('shows revisions with rollback for deployers only', async () => {
    given('admin');
    const { unmount } = renderTab(<EntityCloudServiceRevisionsContent />);
    expect(
      await screen.findByRole('button', { name: 'Roll back to revision 1' }),
    ).toBeInTheDocument();
    unmount();
    given('viewer');
    renderTab(<EntityCloudServiceRevisionsContent />);
    expect(await screen.findByText('Install complete')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Roll back/ }),
    ).not.toBeInTheDocument();
  });

  it('shows an error when the service cannot be loaded', async () => {
    given('admin');
    server.use(
      http.get(`${BASE_URL}/workspaces/ws1/services/svc1`, () =>
        errorResponse(403, 'NotAllowedError', 'not a member of ws1'),
      ),
    );
    renderTab(<EntityCloudServiceOverviewContent />);
    expect(
      await screen.findByText(/Could not load the service/),
    ).toBeInTheDocument();
  });
});
