import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  errorResponse,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
  slow,
} from '../../__testUtils__/server';
import {
  makeMember,
  makeService,
  makeTemplate,
  makeWorkspace,
} from '../../__testUtils__/fixtures';
import { InMemorySignals } from '../../__testUtils__/signals';
import {
  workspaceSignalChannel,
  type CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { WorkspaceDashboardPage } from './WorkspaceDashboardPage';

describe('WorkspaceDashboardPage', () => {
  const server = setupCloudServicesServer();
  // The members card reads this on every dashboard; tests of it are in
  // WorkspaceMembers/.
  beforeEach(() =>
    server.use(
      getJson('/workspaces/ws1/members', {
        items: [makeMember('user:default/jane', 'owner')],
      }),
    ),
  );

  function given(role: 'viewer' | 'member' | 'admin', services: unknown[]) {
    server.use(
      getJson('/workspaces/ws1', makeWorkspace(role)),
      getJson('/workspaces/ws1/services', { items: services }),
      getJson('/templates', { items: [makeTemplate()] }),
      getJson('/workspaces/ws1/members', {
        items: [makeMember('user:default/jane', role)],
      }),
    );
  }

  it('shows progress while loading', async () => {
    server.use(
      slow('/workspaces/ws1', makeWorkspace()),
      slow('/workspaces/ws1/services', { items: [] }),
      getJson('/templates', { items: [] }),
    );
    renderWithBackend(<WorkspaceDashboardPage workspaceId="ws1" />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows service cards and an Add Service button for members', async () => {
    given('member', [
      makeService(),
      makeService({
        id: 'svc2',
        name: 'Cache',
        state: 'error',
        errorMessage: 'boom',
      }),
    ]);
    renderWithBackend(<WorkspaceDashboardPage workspaceId="ws1" />);
    const card = await screen.findByRole('article', { name: 'Orders DB' });
    expect(
      within(card).getByRole('status', { name: 'Status: Running' }),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('link', { name: 'Open Orders DB' }),
    ).toHaveAttribute('href', '/workspaces/ws1/services/svc1');
    expect(
      within(screen.getByRole('article', { name: 'Cache' })).getByRole(
        'status',
        {
          name: 'Status: Error',
        },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add Service' })).toHaveAttribute(
      'href',
      '/workspaces/ws1/services/new',
    );
    expect(screen.getByText('Member')).toBeInTheDocument();
  });

  it('hides Add Service from viewers', async () => {
    given('viewer', [makeService()]);
    renderWithBackend(<WorkspaceDashboardPage workspaceId="ws1" />);
    await screen.findByRole('article', { name: 'Orders DB' });
    expect(
      screen.queryByRole('button', { name: 'Add Service' }),
    ).not.toBeInTheDocument();
  });

  it('guides an empty workspace to its first deployment', async () => {
    given('admin', []);
    renderWithBackend(<WorkspaceDashboardPage workspaceId="ws1" />);
    expect(
      await screen.findByText('Get Started: Deploy Your First Service'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Deploy Your First Service' }),
    ).toHaveAttribute('href', '/workspaces/ws1/services/new');
  });

  it('tells a viewer of an empty workspace who can deploy', async () => {
    given('viewer', []);
    renderWithBackend(<WorkspaceDashboardPage workspaceId="ws1" />);
    expect(
      await screen.findByText(/Ask a member, admin or owner to deploy/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Deploy Your First Service' }),
    ).not.toBeInTheDocument();
  });

  it('says when the workspace does not exist or is not mine', async () => {
    server.use(
      http.get(`${BASE_URL}/workspaces/ws1`, () =>
        errorResponse(404, 'NotFoundError', 'No workspace ws1'),
      ),
      getJson('/workspaces/ws1/services', { items: [] }),
      getJson('/templates', { items: [] }),
    );
    renderWithBackend(<WorkspaceDashboardPage workspaceId="ws1" />);
    expect(
      await screen.findByText(
        /workspace was not found, or you are not a member/,
      ),
    ).toBeInTheDocument();
  });

  it('keeps working when template icons cannot be loaded', async () => {
    server.use(
      getJson('/workspaces/ws1', makeWorkspace('admin')),
      getJson('/workspaces/ws1/services', { items: [makeService()] }),
      http.get(`${BASE_URL}/templates`, () =>
        errorResponse(500, 'Error', 'nope'),
      ),
    );
    renderWithBackend(<WorkspaceDashboardPage workspaceId="ws1" />);
    expect(
      await screen.findByRole('article', { name: 'Orders DB' }),
    ).toBeInTheDocument();
  });

  it('re-reads services every 3 seconds while one is deploying', async () => {
    let calls = 0;
    server.use(
      getJson('/workspaces/ws1', makeWorkspace('admin')),
      getJson('/templates', { items: [] }),
      http.get(`${BASE_URL}/workspaces/ws1/services`, () => {
        calls += 1;
        return HttpResponse.json({
          items: [
            makeService({ state: calls === 1 ? 'deploying' : 'running' }),
          ],
        });
      }),
    );
    renderWithBackend(<WorkspaceDashboardPage workspaceId="ws1" />);
    expect(
      await screen.findByRole('status', { name: 'Status: Deploying' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('status', { name: 'Status: Running' }),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('re-reads services when the backend signals a change, not on a timer', async () => {
    let calls = 0;
    let state: CloudService['state'] = 'deploying';
    server.use(
      getJson('/workspaces/ws1', makeWorkspace('admin')),
      getJson('/templates', { items: [] }),
      http.get(`${BASE_URL}/workspaces/ws1/services`, () => {
        calls += 1;
        return HttpResponse.json({ items: [makeService({ state })] });
      }),
    );
    const signals = new InMemorySignals();
    renderWithBackend(<WorkspaceDashboardPage workspaceId="ws1" />, {
      signals,
    });
    expect(
      await screen.findByRole('status', { name: 'Status: Deploying' }),
    ).toBeInTheDocument();
    state = 'running';
    act(() =>
      signals.push(workspaceSignalChannel('ws1'), {
        type: 'service-changed',
        workspaceId: 'ws1',
        serviceId: 'svc1',
        state: 'running',
        version: 3,
        helmRevision: 1,
        deleted: false,
      }),
    );
    expect(
      await screen.findByRole('status', { name: 'Status: Running' }),
    ).toBeInTheDocument();
    // One read on opening, one for the signal.
    expect(calls).toBe(2);
  });
});
