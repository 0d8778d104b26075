import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import {
  makeLiveStatus,
  makeService,
  makeTemplate,
} from '../../__testUtils__/fixtures';
import { ServiceOverview } from './ServiceOverview';

const SVC = '/workspaces/ws1/services/svc1';

const pod = (name: string, cpu: string) => ({
  name,
  workload: 'StatefulSet/orders-db',
  phase: 'Running',
  ready: true,
  restarts: 0,
  containers: [
    { name: 'init-chmod', init: true, requests: {}, limits: {} },
    {
      name: 'postgresql',
      init: false,
      requests: { cpu, memory: '1Gi' },
      limits: { cpu: '1', memory: '2Gi' },
    },
  ],
});

function statusWith(pods: ReturnType<typeof pod>[]) {
  const status = makeLiveStatus();
  return { ...status, release: { ...status.release!, pods } };
}

describe('ServiceOverview resources', () => {
  const server = setupCloudServicesServer();

  function renderOverview(pods: ReturnType<typeof pod>[], plan: string | null) {
    server.use(
      getJson(`${SVC}/status`, statusWith(pods)),
      http.get(`${BASE_URL}${SVC}/metrics`, () =>
        HttpResponse.json({ error: { message: 'off' } }, { status: 503 }),
      ),
    );
    renderWithBackend(
      <ServiceOverview
        service={makeService({ plan })}
        template={makeTemplate({
          plans: [
            {
              id: 'medium',
              name: 'Medium',
              resources: { cpu: '500m', memory: '1Gi' },
              monthlyPrice: 30,
              values: {},
            },
          ],
          defaultPlan: 'medium',
        })}
        baseDomain="woow.test"
        canDeploy
        onChanged={jest.fn()}
      />,
    );
  }

  it('shows the plan and the requests and limits of the running containers', async () => {
    renderOverview(
      [pod('orders-db-0', '500m'), pod('orders-db-1', '500m')],
      'medium',
    );
    expect(screen.getByRole('group', { name: 'Plan' })).toHaveTextContent(
      'Medium (500m vCPU · 1Gi memory)',
    );
    const table = await screen.findByRole('table', {
      name: 'Container requests and limits',
    });
    const rows = within(table).getAllByRole('row');
    // Header, then one row for both replicas; init containers left out.
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('postgresql');
    expect(rows[1]).toHaveTextContent('StatefulSet/orders-db, 2 pods');
    expect(rows[1]).toHaveTextContent('cpu 500m, memory 1Gi');
    expect(rows[1]).toHaveTextContent('cpu 1, memory 2Gi');
  });

  it('keeps replicas apart whose values differ (mid-rollout), and says when there is no plan', async () => {
    renderOverview(
      [pod('orders-db-0', '500m'), pod('orders-db-1', '250m')],
      null,
    );
    const table = await screen.findByRole('table', {
      name: 'Container requests and limits',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('group', { name: 'Plan' })).toHaveTextContent(
      'None (deployed before plans)',
    );
  });

  it('says when no pod runs', async () => {
    renderOverview([], 'medium');
    expect(
      await screen.findByText(
        'No running pods to read requests and limits from.',
      ),
    ).toBeInTheDocument();
  });
});
