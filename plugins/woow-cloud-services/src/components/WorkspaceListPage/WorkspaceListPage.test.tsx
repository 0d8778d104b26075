import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route, Routes, useParams } from 'react-router-dom';
import {
  BASE_URL,
  errorResponse,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
  slow,
} from '../../__testUtils__/server';
import { makeWorkspace } from '../../__testUtils__/fixtures';
import { WorkspaceListPage } from './WorkspaceListPage';

const DashboardMarker = () => {
  const { workspaceId } = useParams();
  return <div>dashboard of {workspaceId}</div>;
};

function renderPage() {
  return renderWithBackend(
    <Routes>
      <Route path="/" element={<WorkspaceListPage />} />
      <Route path="/workspaces/:workspaceId" element={<DashboardMarker />} />
    </Routes>,
  );
}

describe('WorkspaceListPage', () => {
  const server = setupCloudServicesServer();

  it('shows progress while loading', async () => {
    server.use(slow('/workspaces', { items: [] }));
    renderPage();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('lists my workspaces with role and service count, linking to each', async () => {
    server.use(
      getJson('/workspaces', {
        items: [
          makeWorkspace('owner', { serviceCount: 3 }),
          makeWorkspace('viewer', {
            id: 'ws2',
            name: 'Team Beta',
            serviceCount: 1,
          }),
        ],
      }),
    );
    renderPage();
    const alpha = await screen.findByRole('link', {
      name: 'Open workspace Team Alpha',
    });
    expect(alpha).toHaveAttribute('href', '/workspaces/ws1');
    const alphaCard = screen.getByRole('article', { name: 'Team Alpha' });
    expect(within(alphaCard).getByText('Role: Owner')).toBeInTheDocument();
    expect(within(alphaCard).getByText('3 services')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open workspace Team Beta' }),
    ).toHaveAttribute('href', '/workspaces/ws2');
    const betaCard = screen.getByRole('article', { name: 'Team Beta' });
    expect(within(betaCard).getByText('Role: Viewer')).toBeInTheDocument();
    expect(within(betaCard).getByText('1 service')).toBeInTheDocument();
  });

  it('explains an empty list and offers to create a workspace', async () => {
    server.use(getJson('/workspaces', { items: [] }));
    renderPage();
    expect(
      await screen.findByText('You are not in any workspace yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Create Workspace' }),
    ).toBeInTheDocument();
  });

  it('shows the server error when loading fails', async () => {
    server.use(
      http.get(`${BASE_URL}/workspaces`, () =>
        errorResponse(500, 'Error', 'database is down'),
      ),
    );
    renderPage();
    expect(
      await screen.findByText(/Could not load the workspaces/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database is down/).length).toBeGreaterThan(0);
  });

  it('validates the name before sending anything', async () => {
    let posted = false;
    server.use(
      getJson('/workspaces', { items: [] }),
      http.post(`${BASE_URL}/workspaces`, () => {
        posted = true;
        return HttpResponse.json({});
      }),
    );
    renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create Workspace' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    expect(within(dialog).getByText('Name is required')).toBeInTheDocument();
    expect(posted).toBe(false);
  });

  it('shows the server field errors next to the field', async () => {
    server.use(
      getJson('/workspaces', { items: [] }),
      http.post(`${BASE_URL}/workspaces`, () =>
        errorResponse(400, 'InputError', 'Invalid input', {
          fields: [
            { field: 'name', message: 'is already used by another workspace' },
          ],
        }),
      ),
    );
    renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create Workspace' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Workspace name'),
      'Alpha',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    expect(
      await within(dialog).findByText(
        'Name is already used by another workspace',
      ),
    ).toBeInTheDocument();
  });

  it('creates a workspace and opens it', async () => {
    let body: unknown;
    server.use(
      getJson('/workspaces', { items: [] }),
      http.post(`${BASE_URL}/workspaces`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          makeWorkspace('owner', { id: 'new-ws', name: 'New' }),
          {
            status: 201,
          },
        );
      }),
    );
    renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create Workspace' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Workspace name'),
      'New',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Description'),
      'Our stuff',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    expect(await screen.findByText('dashboard of new-ws')).toBeInTheDocument();
    expect(body).toEqual({ name: 'New', description: 'Our stuff' });
  });
});
