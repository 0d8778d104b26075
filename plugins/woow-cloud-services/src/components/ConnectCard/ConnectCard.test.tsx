import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  errorResponse,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import { makeService, makeTemplate } from '../../__testUtils__/fixtures';
import { capabilitiesFor } from '../../lib/roles';
import { ServiceActions } from '../ServiceDetailPage/ServiceActions';
import { ConnectCard } from './ConnectCard';

const REVEAL = `${BASE_URL}/workspaces/ws1/services/svc1/credentials/reveal`;
const SECRET = 'S3cret-Value-991';
const fact = (name: string) =>
  within(screen.getByRole('group', { name })).getByRole('definition');

const database = makeService({
  webUi: false,
  publicUrl: null,
  subdomain: '',
  helmReleaseName: 'paas-ws-ws1-orders',
  helmNamespace: 'paas-ws-ws1',
});
const template = makeTemplate({
  ingressEnabled: false,
  connection: { service: '{fullname}', port: 5432 },
});

describe('ConnectCard', () => {
  const server = setupCloudServicesServer();
  let reveals = 0;

  beforeEach(() => {
    reveals = 0;
    server.use(
      http.post(REVEAL, () => {
        reveals++;
        return HttpResponse.json({
          items: [
            {
              key: 'auth.postgresPassword',
              label: 'Admin Password',
              value: SECRET,
            },
          ],
        });
      }),
    );
  });

  function renderCard(role: 'owner' | 'admin' | 'member' | 'viewer') {
    renderWithBackend(
      <ConnectCard
        service={database}
        template={template}
        canRevealCredentials={capabilitiesFor(role).canRevealCredentials}
      />,
    );
  }

  it('shows the in-cluster address and the port-forward command of the declared Service', async () => {
    renderCard('member');
    expect(await screen.findByText('In-cluster address')).toBeInTheDocument();
    expect(fact('In-cluster address')).toHaveTextContent(
      'paas-ws-ws1-orders-postgresql.paas-ws-ws1.svc.cluster.local:5432',
    );
    expect(fact('Port forward')).toHaveTextContent(
      'kubectl port-forward -n paas-ws-ws1 svc/paas-ws-ws1-orders-postgresql 5432:5432',
    );
    expect(
      screen.getByRole('button', { name: 'Copy Port-forward command' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/has no web UI and no public URL/)).toBeVisible();
  });

  it.each(['member', 'viewer'] as const)(
    'offers no reveal to a %s',
    async role => {
      renderCard(role);
      await screen.findByText('In-cluster address');
      expect(
        screen.queryByRole('button', { name: 'Reveal credentials' }),
      ).not.toBeInTheDocument();
      expect(reveals).toBe(0);
    },
  );

  it.each(['admin', 'owner'] as const)(
    'lets an %s reveal the credentials on demand, and hide them again',
    async role => {
      renderCard(role);
      await screen.findByText('In-cluster address');
      // Nothing is asked for before the click.
      expect(reveals).toBe(0);
      expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
      await userEvent.click(
        screen.getByRole('button', { name: 'Reveal credentials' }),
      );
      const region = await screen.findByRole('region', {
        name: 'Credentials',
      });
      expect(within(region).getByText(SECRET)).toBeInTheDocument();
      expect(within(region).getByText('Admin Password')).toBeInTheDocument();
      expect(reveals).toBe(1);
      await userEvent.click(
        screen.getByRole('button', { name: 'Hide credentials' }),
      );
      expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
    },
  );

  it('says why a refused reveal failed', async () => {
    server.use(
      http.post(REVEAL, () =>
        errorResponse(
          403,
          'NotAllowedError',
          'This needs the admin role in workspace ws1; you are member',
        ),
      ),
    );
    renderCard('admin');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reveal credentials' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This needs the admin role in workspace ws1; you are member',
    );
  });
});

describe('ServiceActions', () => {
  setupCloudServicesServer();

  it('has no "Open Web UI" for an app without a web UI, and has it for a web app', async () => {
    const { unmount } = await renderWithBackend(
      <ServiceActions
        service={database}
        capabilities={capabilitiesFor('owner')}
        onChanged={jest.fn()}
        onDeleted={jest.fn()}
      />,
    );
    expect(
      await screen.findByRole('button', { name: 'Delete' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Open Web UI')).not.toBeInTheDocument();
    unmount();
    await renderWithBackend(
      <ServiceActions
        service={makeService()}
        capabilities={capabilitiesFor('owner')}
        onChanged={jest.fn()}
        onDeleted={jest.fn()}
      />,
    );
    expect(
      await screen.findByRole('link', { name: /Open Web UI/ }),
    ).toHaveAttribute('href', 'https://orders-db.woow.test');
  });
});
