import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import {
  BASE_URL,
  errorResponse,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
  slow,
} from '../../__testUtils__/server';
import { makeWorkspace } from '../../__testUtils__/fixtures';
import { ServiceSelectionPage } from './ServiceSelectionPage';

describe('ServiceSelectionPage', () => {
  const server = setupCloudServicesServer();

  it('shows progress while loading the workspace', async () => {
    server.use(slow('/workspaces/ws1', makeWorkspace()));
    renderWithBackend(<ServiceSelectionPage workspaceId="ws1" />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('offers Cloud Services and shows the other types as coming later', async () => {
    server.use(getJson('/workspaces/ws1', makeWorkspace('member')));
    renderWithBackend(<ServiceSelectionPage workspaceId="ws1" />);
    const cloud = await screen.findByRole('article', {
      name: 'Cloud Services',
    });
    expect(
      within(cloud).getByRole('button', { name: 'Choose Cloud Services' }),
    ).toHaveAttribute('href', '/workspaces/ws1/services/marketplace');
    for (const name of ['Security Access', 'Smart Home Connect']) {
      const card = screen.getByRole('article', { name });
      expect(within(card).getAllByText('Coming later').length).toBeGreaterThan(
        0,
      );
      expect(
        within(card).getByRole('button', { name: 'Coming later' }),
      ).toBeDisabled();
    }
    expect(
      screen.queryByText('You cannot deploy in this workspace'),
    ).not.toBeInTheDocument();
  });

  it('tells viewers they cannot deploy', async () => {
    server.use(getJson('/workspaces/ws1', makeWorkspace('viewer')));
    renderWithBackend(<ServiceSelectionPage workspaceId="ws1" />);
    expect(
      await screen.findByText(/You cannot deploy in this workspace/),
    ).toBeInTheDocument();
  });

  it('shows an error when the workspace cannot be loaded', async () => {
    server.use(
      http.get(`${BASE_URL}/workspaces/ws1`, () =>
        errorResponse(500, 'Error', 'kaput'),
      ),
    );
    renderWithBackend(<ServiceSelectionPage workspaceId="ws1" />);
    expect(
      await screen.findByText(/Could not load the workspace/),
    ).toBeInTheDocument();
  });
});
