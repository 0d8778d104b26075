import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import type { ServiceMetrics } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  makeLiveStatus,
  makeMetrics,
  makeService,
  makeTemplate,
} from '../../__testUtils__/fixtures';
import { ServiceOverview } from './ServiceOverview';
import { summarizeReadiness } from './liveStatus';

const SVC = '/workspaces/ws1/services/svc1';
const fact = (name: string) => screen.getByRole('group', { name });

describe('ServiceOverview', () => {
  const server = setupCloudServicesServer();

  function given(metrics?: ServiceMetrics, status = makeLiveStatus()) {
    server.use(
      getJson(`${SVC}/status`, status),
      metrics
        ? getJson(`${SVC}/metrics`, metrics)
        : http.get(`${BASE_URL}${SVC}/metrics`, () =>
            HttpResponse.json(
              { error: { message: 'no prometheus' } },
              { status: 503 },
            ),
          ),
    );
  }

  function renderOverview(canDeploy = true, service = makeService()) {
    renderWithBackend(
      <ServiceOverview
        service={service}
        template={makeTemplate({
          documentationUrl: 'https://docs.example.com/pg',
        })}
        baseDomain="woow.test"
        canDeploy={canDeploy}
        onChanged={jest.fn()}
      />,
    );
  }

  it('shows connection, release and environment facts', async () => {
    given(makeMetrics());
    renderOverview();
    expect(await screen.findByText('ONLINE')).toBeInTheDocument();
    expect(fact('Internal port')).toHaveTextContent('5432');
    expect(fact('Public URL')).toHaveTextContent('https://orders-db.woow.test');
    expect(fact('Custom domain')).toHaveTextContent('None');
    expect(fact('Chart version')).toHaveTextContent('15.5.0');
    expect(fact('Revision')).toHaveTextContent('2');
    // No Region or Cluster: nothing places services by them (yet).
    expect(screen.queryByText('Region')).not.toBeInTheDocument();
    expect(screen.queryByText('Cluster')).not.toBeInTheDocument();
    expect(await screen.findByText('1/1 replicas ready')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /PostgreSQL documentation/ }),
    ).toBeInTheDocument();
  });

  it('shows a database no public URL or custom domain, and its Connect card', async () => {
    given(makeMetrics());
    renderOverview(
      true,
      makeService({
        webUi: false,
        publicUrl: null,
        subdomain: '',
        helmReleaseName: 'paas-ws-ws1-orders-db-x1',
      }),
    );
    expect(await screen.findByText('ONLINE')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Public URL' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Custom domain' })).toBeNull();
    // The fixture template declares no connection: the documented default.
    expect(fact('In-cluster address')).toHaveTextContent(
      'paas-ws-ws1-orders-db-x1-postgresql.paas-ws-ws1.svc.cluster.local:5432',
    );
    // Reveal is for admins and owners only; the prop defaults to no.
    expect(
      screen.queryByRole('button', { name: 'Reveal credentials' }),
    ).toBeNull();
  });

  it('shows CPU and RAM usage from metrics with units', async () => {
    given(makeMetrics());
    renderOverview();
    expect(
      await screen.findByText('0.5 cores (25% of limit)'),
    ).toBeInTheDocument();
    expect(fact('RAM usage')).toHaveTextContent('512 MiB / 2 GiB');
    expect(
      await screen.findByRole('figure', { name: 'Network traffic' }),
    ).toBeInTheDocument();
  });

  it('says metrics are not set up instead of drawing an empty chart', async () => {
    given();
    renderOverview();
    expect(
      await screen.findByRole('heading', { name: 'Metrics are not set up' }),
    ).toBeInTheDocument();
    expect(fact('CPU usage')).toHaveTextContent('Metrics are not set up');
    expect(fact('RAM usage')).toHaveTextContent('Metrics are not set up');
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });

  it('is OFFLINE when pods are not ready', async () => {
    given(makeMetrics(), makeLiveStatus(0, 2));
    renderOverview();
    expect(await screen.findByText('0/2 replicas ready')).toBeInTheDocument();
    expect(
      screen.getByText('ImagePullBackOff: image not found'),
    ).toBeInTheDocument();
    expect(screen.getByText('OFFLINE')).toBeInTheDocument();
  });

  it('lets deployers open the custom domain editor', async () => {
    given(makeMetrics());
    renderOverview(true);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit custom domain' }),
    );
    expect(
      screen.getByRole('dialog', { name: 'Edit custom domain' }),
    ).toBeInTheDocument();
  });

  it('hides the domain edit button from viewers', async () => {
    given(makeMetrics());
    renderOverview(false);
    await screen.findByText('ONLINE');
    expect(
      screen.queryByRole('button', { name: 'Edit custom domain' }),
    ).not.toBeInTheDocument();
  });
});

describe('summarizeReadiness', () => {
  it('trusts a settled running state when the live status is unavailable', () => {
    expect(summarizeReadiness(makeService(), undefined).online).toBe(true);
    expect(
      summarizeReadiness(makeService({ state: 'deploying' }), undefined).online,
    ).toBe(false);
  });

  it("uses the backend's online flag and message when there is no release", () => {
    const status = {
      ...makeLiveStatus(),
      online: false,
      release: null,
      message: 'release not installed yet',
    };
    expect(summarizeReadiness(makeService(), status)).toEqual({
      online: false,
      detail: 'release not installed yet',
      problems: [],
    });
  });
});
