import { screen } from '@testing-library/react';
import {
  getJson,
  renderWithBackend,
  serviceHandlers,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import {
  makeService,
  makeTemplate,
  makeWorkspace,
} from '../../__testUtils__/fixtures';
import { CloudServicesRouter } from './CloudServicesRouter';

describe('CloudServicesRouter', () => {
  const server = setupCloudServicesServer();

  beforeEach(() => {
    server.use(
      ...serviceHandlers({
        service: makeService(),
        workspace: makeWorkspace('admin'),
        template: makeTemplate(),
      }),
      getJson('/templates', { items: [makeTemplate()] }),
      getJson('/workspaces/ws1/services', { items: [makeService()] }),
      getJson('/workspaces/ws1/members', { items: [] }),
      getJson('/subdomains/:sub/availability', {
        subdomain: 'x',
        available: true,
        fqdn: 'x.woow.test',
      }),
    );
  });

  it.each([
    ['/workspaces/ws1/services/new', 'Choose a service type'],
    ['/workspaces/ws1/services/marketplace', 'Application Marketplace'],
    ['/workspaces/ws1/services/configure/tpl-postgres', 'Configure PostgreSQL'],
    ['/workspaces/ws1/services/svc1', 'Orders DB'],
    ['/workspaces/ws1', 'Team Alpha'],
  ])('renders %s', async (path, heading) => {
    renderWithBackend(<CloudServicesRouter />, { initialRouteEntries: [path] });
    expect(
      await screen.findByRole('heading', { name: heading }),
    ).toBeInTheDocument();
  });

  it('says when an address is not a page', async () => {
    renderWithBackend(<CloudServicesRouter />, {
      initialRouteEntries: ['/nope/nope'],
    });
    expect(
      await screen.findByText(
        'There is no Cloud Services page at this address',
      ),
    ).toBeInTheDocument();
  });
});
