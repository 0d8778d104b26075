import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router-dom';
import {
  BASE_URL,
  errorResponse,
  renderWithBackend,
  serviceHandlers,
  setupCloudServicesServer,
  slow,
} from '../../__testUtils__/server';
import {
  makeRevisionList,
  makeService,
  makeTemplate,
  makeWorkspace,
} from '../../__testUtils__/fixtures';
import type { WorkspaceRole } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { ServiceDetailPage } from './ServiceDetailPage';

const SVC = `${BASE_URL}/workspaces/ws1/services/svc1`;

function renderPage(entry = '/workspaces/ws1/services/svc1') {
  return renderWithBackend(
    <Routes>
      <Route
        path="/workspaces/ws1/services/svc1"
        element={<ServiceDetailPage workspaceId="ws1" serviceId="svc1" />}
      />
      <Route path="/workspaces/ws1" element={<div>dashboard of ws1</div>} />
    </Routes>,
    { initialRouteEntries: [entry] },
  );
}

describe('ServiceDetailPage', () => {
  const server = setupCloudServicesServer();

  function given(role: WorkspaceRole, service = makeService()) {
    server.use(
      ...serviceHandlers({
        service,
        workspace: makeWorkspace(role),
        template: makeTemplate(),
        revisions: makeRevisionList(),
      }),
    );
  }

  it('shows progress while loading', async () => {
    given('admin');
    server.use(slow('/workspaces/ws1/services/svc1', makeService()));
    renderPage();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says when the service does not exist', async () => {
    given('admin');
    server.use(
      http.get(SVC, () =>
        errorResponse(404, 'NotFoundError', 'no service svc1'),
      ),
    );
    renderPage();
    expect(
      await screen.findByText(/service was not found/),
    ).toBeInTheDocument();
  });

  it('shows the header with status, deployment ID, actions and the tabs', async () => {
    given('admin');
    renderPage();
    expect(
      await screen.findByRole('heading', { name: 'Orders DB' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: 'Status: Running' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Deployment #8291/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open Web UI' })).toHaveAttribute(
      'href',
      'https://orders-db.woow.test',
    );
    expect(
      screen.getByRole('button', { name: 'Rollback' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeInTheDocument();
    const tabs = within(
      screen.getByRole('tablist', { name: 'Service sections' }),
    );
    expect(tabs.getAllByRole('tab').map(t => t.textContent)).toEqual([
      'Overview',
      'Configuration',
      'Metrics',
      'Logs',
      'Backups',
      'Activity',
    ]);
  });

  it('hides Delete from members', async () => {
    given('member');
    renderPage();
    await screen.findByRole('heading', { name: 'Orders DB' });
    expect(
      screen.getByRole('button', { name: 'Rollback' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
  });

  it('hides Rollback and Delete from viewers', async () => {
    given('viewer');
    renderPage();
    await screen.findByRole('heading', { name: 'Orders DB' });
    expect(
      screen.getByRole('link', { name: 'Open Web UI' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Rollback' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
  });

  it('explains an error state and what to do', async () => {
    given(
      'admin',
      makeService({ state: 'error', errorMessage: 'helm install timed out' }),
    );
    renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'helm install timed out',
    );
    expect(screen.getByRole('link', { name: 'Open Web UI' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  it('polls a deploying service every 3 seconds until it runs', async () => {
    given('admin');
    let reads = 0;
    server.use(
      http.get(SVC, () => {
        reads += 1;
        return HttpResponse.json(
          makeService({ state: reads === 1 ? 'deploying' : 'running' }),
        );
      }),
    );
    renderPage();
    expect(
      await screen.findByText(/refreshes every 3 seconds/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('status', { name: 'Status: Running' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/refreshes every 3 seconds/),
    ).not.toBeInTheDocument();
  });

  it('says so when a deleting service is gone', async () => {
    given('admin');
    let reads = 0;
    server.use(
      http.get(SVC, () => {
        reads += 1;
        return reads === 1
          ? HttpResponse.json(makeService({ state: 'deleting' }))
          : errorResponse(404, 'NotFoundError', 'no service svc1');
      }),
    );
    renderPage();
    expect(
      await screen.findByRole('status', { name: 'Status: Deleting' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/This service has been deleted/),
    ).toBeInTheDocument();
  });

  it('opens a tab from the URL and switches tabs', async () => {
    given('admin');
    renderPage('/workspaces/ws1/services/svc1?tab=metrics');
    expect(
      await screen.findByText('Metrics are not set up'),
    ).toBeInTheDocument();
    server.use(
      http.get(`${SVC}/backups`, () =>
        HttpResponse.json({
          items: [],
          usage: { usedBytes: 0, quotaBytes: null },
          available: true,
          unavailableReason: null,
        }),
      ),
      http.get(`${SVC}/backup-schedule`, () =>
        HttpResponse.json({ schedule: null, nextRunAt: null }),
      ),
    );
    await userEvent.click(screen.getByRole('tab', { name: 'Backups' }));
    expect(await screen.findByText('No backups yet')).toBeInTheDocument();
    // An admin may back up (woow.service.backup.manage).
    expect(
      screen.getByRole('button', { name: 'Back up now' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(await screen.findByText('Connection')).toBeInTheDocument();
  });

  it('deletes after typed confirmation and returns to the workspace', async () => {
    given('owner');
    server.use(
      http.delete(SVC, () =>
        HttpResponse.json(makeService({ state: 'deleting' }), { status: 202 }),
      ),
    );
    renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete' }),
    );
    await userEvent.type(
      screen.getByLabelText('Type the service name to confirm'),
      'Orders DB',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete service' }),
    );
    expect(await screen.findByText('dashboard of ws1')).toBeInTheDocument();
  });
});
