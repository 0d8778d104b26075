import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router-dom';
import {
  BASE_URL,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import {
  CONFIG,
  makeService,
  makeTemplate,
  makeWorkspace,
} from '../../__testUtils__/fixtures';
import { makePlan, makeQuotaLeft } from '../../__testUtils__/planFixtures';
import { AppConfigurationPage } from './AppConfigurationPage';

const template = makeTemplate({
  plans: [
    makePlan('small', 'Small', { cpu: '250m', memory: '256Mi' }, 15),
    makePlan('large', 'Large', { cpu: '2', memory: '4Gi' }, 60),
  ],
  defaultPlan: 'small',
});
const quota = makeQuotaLeft({ hard: 2, used: 1 }, { hard: 4, used: 2 });

function renderPage() {
  return renderWithBackend(
    <Routes>
      <Route
        path="/configure"
        element={
          <AppConfigurationPage workspaceId="ws1" templateId="tpl-postgres" />
        }
      />
      <Route path="/workspaces/:workspaceId/services/:id" element={<p />} />
    </Routes>,
    { initialRouteEntries: ['/configure'] },
  );
}

describe('AppConfigurationPage plans', () => {
  const server = setupCloudServicesServer();
  let posted: unknown[];

  beforeEach(() => {
    posted = [];
    server.use(
      getJson('/templates/tpl-postgres', template),
      getJson('/workspaces/ws1', makeWorkspace('member', { quota })),
      getJson('/config', CONFIG),
      http.get(`${BASE_URL}/subdomains/:sub/availability`, ({ params }) =>
        HttpResponse.json({
          subdomain: String(params.sub),
          available: true,
          fqdn: `${params.sub}.woow.test`,
        }),
      ),
      http.post(`${BASE_URL}/workspaces/ws1/services`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(makeService(), { status: 201 });
      }),
    );
  });

  it('offers the plans as cards with resources and price, the default chosen, and the quota left', async () => {
    renderPage();
    const plans = await screen.findByRole('radiogroup', { name: 'Plan' });
    const small = within(plans).getByRole('radio', { name: /Small/ });
    expect(small).toBeChecked();
    expect(plans).toHaveTextContent('250m vCPU · 256Mi memory');
    expect(plans).toHaveTextContent('$15.00 / month');
    expect(plans).toHaveTextContent('2 vCPU · 4Gi memory');
    expect(
      screen.getByText(
        'Left in this workspace: 1 vCPU, 2 GiB memory (of 2 vCPU, 4 GiB).',
      ),
    ).toBeInTheDocument();
    // The large plan says at once that it does not fit.
    expect(plans).toHaveTextContent(
      'Large does not fit in the workspace quota: requests.cpu needs 2 vCPU, 1 vCPU left of 2 vCPU',
    );
    expect(screen.getByLabelText('Estimated monthly cost')).toHaveTextContent(
      '$15.00 / month',
    );
  });

  it('launches with the chosen plan', async () => {
    renderPage();
    await userEvent.type(
      await screen.findByLabelText('Admin Password'),
      'secret-pw-1',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Launch Application' }),
    );
    await waitFor(() =>
      expect(posted).toEqual([expect.objectContaining({ plan: 'small' })]),
    );
  });

  it('refuses before launch a plan that does not fit, sending nothing', async () => {
    renderPage();
    await userEvent.click(await screen.findByRole('radio', { name: /Large/ }));
    expect(screen.getByLabelText('Estimated monthly cost')).toHaveTextContent(
      '$60.00 / month',
    );
    await userEvent.type(screen.getByLabelText('Admin Password'), 'secret-pw');
    await userEvent.click(
      screen.getByRole('button', { name: 'Launch Application' }),
    );
    expect(
      await screen.findByText(
        'Plan does not fit in the workspace quota: requests.cpu needs 2 vCPU, 1 vCPU left of 2 vCPU; requests.memory needs 4 GiB, 2 GiB left of 4 GiB',
      ),
    ).toBeInTheDocument();
    expect(posted).toEqual([]);
  });
});
