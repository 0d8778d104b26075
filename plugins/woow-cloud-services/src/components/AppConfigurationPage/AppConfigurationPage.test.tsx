import { screen } from '@testing-library/react';
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
import {
  CONFIG,
  makeService,
  makeTemplate,
  makeWorkspace,
} from '../../__testUtils__/fixtures';
import { AppConfigurationPage } from './AppConfigurationPage';

const DetailMarker = () => <div>detail of {useParams().serviceId}</div>;

function renderPage() {
  return renderWithBackend(
    <Routes>
      <Route
        path="/configure"
        element={
          <AppConfigurationPage workspaceId="ws1" templateId="tpl-postgres" />
        }
      />
      <Route
        path="/workspaces/:workspaceId/services/:serviceId"
        element={<DetailMarker />}
      />
    </Routes>,
    { initialRouteEntries: ['/configure'] },
  );
}

function availability(taken: string[] = []) {
  return http.get(`${BASE_URL}/subdomains/:sub/availability`, ({ params }) => {
    const sub = String(params.sub);
    return HttpResponse.json({
      subdomain: sub,
      available: !taken.includes(sub),
      reason: taken.includes(sub) ? 'is taken' : undefined,
      fqdn: `${sub}.woow.test`,
    });
  });
}

describe('AppConfigurationPage', () => {
  const server = setupCloudServicesServer();

  function given(role: 'viewer' | 'member' = 'member') {
    server.use(
      getJson('/templates/tpl-postgres', makeTemplate()),
      getJson('/workspaces/ws1', makeWorkspace(role)),
      getJson('/config', CONFIG),
      availability(['taken-one']),
    );
  }

  async function setSubdomain(value: string) {
    const field = await screen.findByLabelText('Subdomain');
    await userEvent.clear(field);
    await userEvent.type(field, value);
  }

  async function pasteSubdomain(value: string) {
    await userEvent.clear(await screen.findByLabelText('Subdomain'));
    await userEvent.paste(value);
  }

  it('shows progress while loading', async () => {
    server.use(
      slow('/templates/tpl-postgres', makeTemplate()),
      getJson('/workspaces/ws1', makeWorkspace()),
      getJson('/config', CONFIG),
    );
    renderPage();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says when the application does not exist', async () => {
    server.use(
      http.get(`${BASE_URL}/templates/tpl-postgres`, () =>
        errorResponse(404, 'NotFoundError', 'no such template'),
      ),
      getJson('/workspaces/ws1', makeWorkspace()),
      getJson('/config', CONFIG),
    );
    renderPage();
    expect(
      await screen.findByText(/application was not found/),
    ).toBeInTheDocument();
  });

  it('shows the sections, the launch note and the estimated cost', async () => {
    given();
    renderPage();
    expect(await screen.findByLabelText('Application name')).toHaveValue(
      'PostgreSQL',
    );
    expect(
      screen.getByText(/Generated at launch, cannot be changed/),
    ).toBeInTheDocument();
    expect(
      (screen.getByLabelText('Subdomain') as HTMLInputElement).value,
    ).toMatch(/^postgresql-[a-z0-9]{1,4}$/);
    expect(screen.getByText('Network & Domain')).toBeInTheDocument();
    expect(screen.getByLabelText('Admin Password')).toBeInTheDocument();
    expect(
      screen.getByText(/Initial setup may take up to 5 minutes/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Estimated monthly cost')).toHaveTextContent(
      '$12.50 / month',
    );
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveAttribute(
      'href',
      '/workspaces/ws1/services/marketplace',
    );
  });

  it('checks subdomain availability as the user types', async () => {
    given();
    renderPage();
    await setSubdomain('taken-one');
    expect(
      await screen.findByText('taken-one.woow.test is not available: is taken'),
    ).toBeInTheDocument();
    await setSubdomain('free-one');
    expect(
      await screen.findByText('free-one.woow.test is available'),
    ).toBeInTheDocument();
  });

  it('refuses reserved and malformed subdomains without asking the server', async () => {
    const asked: string[] = [];
    given();
    server.use(
      http.get(`${BASE_URL}/subdomains/:sub/availability`, ({ params }) => {
        asked.push(String(params.sub));
        return HttpResponse.json({});
      }),
    );
    renderPage();
    // Each value in one edit (a paste): typed key by key, its valid
    // prefixes ("a", "ad") would rightly be asked about on a slow machine.
    await pasteSubdomain('admin');
    expect(
      await screen.findByText('Subdomain is reserved'),
    ).toBeInTheDocument();
    await pasteSubdomain('Bad_Name');
    expect(
      await screen.findByText(/Subdomain must be a DNS label/),
    ).toBeInTheDocument();
    await new Promise(r => setTimeout(r, 500));
    // Only the suggested subdomain shown on load was ever checked.
    expect(asked.every(sub => sub.startsWith('postgresql-'))).toBe(true);
  });

  it('validates before launching and sends nothing when values are missing', async () => {
    let posted = false;
    given();
    server.use(
      http.post(`${BASE_URL}/workspaces/ws1/services`, () => {
        posted = true;
        return HttpResponse.json({});
      }),
    );
    renderPage();
    await userEvent.clear(await screen.findByLabelText('Application name'));
    await userEvent.click(
      screen.getByRole('button', { name: 'Launch Application' }),
    );
    expect(screen.getByText('Name is required')).toBeInTheDocument();
    expect(screen.getByText('Admin Password is required')).toBeInTheDocument();
    expect(
      screen.getByText('Please fix the highlighted fields.'),
    ).toBeInTheDocument();
    expect(posted).toBe(false);
  });

  it("drops a field's error once the user edits that field", async () => {
    given();
    renderPage();
    await setSubdomain('-bad-');
    await userEvent.click(
      screen.getByRole('button', { name: 'Launch Application' }),
    );
    expect(
      await screen.findByText(/Subdomain must be a DNS label/),
    ).toBeInTheDocument();
    expect(screen.getByText('Admin Password is required')).toBeInTheDocument();
    await setSubdomain('free-one');
    expect(
      await screen.findByText('free-one.woow.test is available'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Subdomain must be a DNS label/),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('Please fix the highlighted fields.'),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Admin Password'), 'x');
    expect(
      screen.queryByText('Admin Password is required'),
    ).not.toBeInTheDocument();
    // Nothing is highlighted any more: the banner goes too.
    expect(
      screen.queryByText('Please fix the highlighted fields.'),
    ).not.toBeInTheDocument();
  });

  it('shows the server 400 field errors next to their fields', async () => {
    given();
    server.use(
      http.post(`${BASE_URL}/workspaces/ws1/services`, () =>
        errorResponse(400, 'InputError', 'Invalid input', {
          fields: [
            {
              field: 'helmValues.auth.postgresPassword',
              message: 'must be at least 12 characters',
            },
            { field: 'subdomain', message: 'was taken a moment ago' },
            {
              field: 'helmValues.bogus',
              message: 'is not a configurable value',
            },
          ],
        }),
      ),
    );
    renderPage();
    await setSubdomain('free-one');
    await userEvent.type(screen.getByLabelText('Admin Password'), 'short');
    await userEvent.click(
      screen.getByRole('button', { name: 'Launch Application' }),
    );
    expect(
      await screen.findByText('Admin Password must be at least 12 characters'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Subdomain was taken a moment ago'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('helmValues.bogus is not a configurable value'),
    ).toBeInTheDocument();
  });

  it('launches with the entered values and opens the new service', async () => {
    let body: any;
    given();
    server.use(
      http.post(`${BASE_URL}/workspaces/ws1/services`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          makeService({ id: 'svc-new', state: 'pending' }),
          {
            status: 201,
          },
        );
      }),
    );
    renderPage();
    const name = await screen.findByLabelText('Application name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Orders DB');
    await setSubdomain('orders-db');
    await userEvent.type(
      screen.getByLabelText('Admin Password'),
      's3cret-passw0rd',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Launch Application' }),
    );
    expect(await screen.findByText('detail of svc-new')).toBeInTheDocument();
    expect(body).toEqual({
      templateId: 'tpl-postgres',
      name: 'Orders DB',
      subdomain: 'orders-db',
      helmValues: {
        'auth.postgresPassword': 's3cret-passw0rd',
        'auth.database': 'app_db',
        'primary.persistence.size': '8Gi',
        'metrics.enabled': false,
        maxConnections: 100,
      },
    });
  });

  it('asks an app without a web UI for no subdomain and sends none', async () => {
    let body: any;
    const asked: string[] = [];
    given();
    server.use(
      getJson(
        '/templates/tpl-postgres',
        makeTemplate({ ingressEnabled: false }),
      ),
      http.get(`${BASE_URL}/subdomains/:sub/availability`, ({ params }) => {
        asked.push(String(params.sub));
        return HttpResponse.json({});
      }),
      http.post(`${BASE_URL}/workspaces/ws1/services`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          makeService({ id: 'svc-db', state: 'pending' }),
          { status: 201 },
        );
      }),
    );
    renderPage();
    expect(
      await screen.findByText(
        /PostgreSQL has no web UI, so it gets no public address/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Subdomain')).not.toBeInTheDocument();
    await userEvent.type(
      screen.getByLabelText('Admin Password'),
      's3cret-passw0rd',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Launch Application' }),
    );
    expect(await screen.findByText('detail of svc-db')).toBeInTheDocument();
    expect(body).not.toHaveProperty('subdomain');
    expect(body.templateId).toBe('tpl-postgres');
    expect(asked).toEqual([]);
  });

  it('hides Launch from viewers', async () => {
    given('viewer');
    renderPage();
    expect(
      await screen.findByText(/Viewers cannot launch applications/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Launch Application' }),
    ).not.toBeInTheDocument();
  });
});
