import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  errorResponse,
  renderWithBackend,
  setupCloudServicesServer,
  slow,
} from '../../__testUtils__/server';
import { makeMetrics, makeService } from '../../__testUtils__/fixtures';
import { ServiceMetrics } from './ServiceMetrics';
import { seriesOfGroup, ungroupedByUnit } from './metricGroups';

const URL_ = `${BASE_URL}/workspaces/ws1/services/svc1/metrics`;

describe('ServiceMetrics', () => {
  const server = setupCloudServicesServer();

  it('shows progress while loading', async () => {
    server.use(slow('/workspaces/ws1/services/svc1/metrics', makeMetrics()));
    renderWithBackend(<ServiceMetrics service={makeService()} />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('draws vCPU, RAM, disk, network and connections charts', async () => {
    server.use(http.get(URL_, () => HttpResponse.json(makeMetrics())));
    renderWithBackend(<ServiceMetrics service={makeService()} />);
    for (const name of [
      'vCPU usage',
      'RAM usage',
      'Disk I/O',
      'Network (in/out)',
      'Active connections',
      'Requests per second',
    ]) {
      expect(await screen.findByRole('figure', { name })).toBeInTheDocument();
    }
    expect(screen.getByLabelText('Active connections now')).toHaveTextContent(
      '4',
    );
    expect(screen.getByText('512 MiB')).toBeInTheDocument();
  });

  it('asks for the chosen range', async () => {
    const ranges: string[] = [];
    server.use(
      http.get(URL_, ({ request }) => {
        const range = new URL(request.url).searchParams.get('range')!;
        ranges.push(range);
        return HttpResponse.json(makeMetrics(range as '1h'));
      }),
    );
    renderWithBackend(<ServiceMetrics service={makeService()} />);
    await screen.findByRole('figure', { name: 'vCPU usage' });
    await userEvent.click(screen.getByRole('button', { name: '7 days' }));
    expect(screen.getByRole('button', { name: '7 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await screen.findByRole('figure', { name: 'vCPU usage' });
    expect(ranges).toContain('7d');
    expect(ranges[0]).toBe('1h');
  });

  it('refreshes every 5 seconds', async () => {
    let calls = 0;
    server.use(
      http.get(URL_, () => {
        calls += 1;
        return HttpResponse.json(makeMetrics());
      }),
    );
    renderWithBackend(<ServiceMetrics service={makeService()} />);
    await screen.findByRole('figure', { name: 'vCPU usage' });
    expect(calls).toBe(1);
    await new Promise(r => setTimeout(r, 5500));
    expect(calls).toBe(2);
  }, 10_000);

  it('says metrics are not set up when the backend has no Prometheus', async () => {
    server.use(
      http.get(URL_, () =>
        HttpResponse.json(
          { error: { message: 'Prometheus is not configured' } },
          { status: 503 },
        ),
      ),
    );
    renderWithBackend(<ServiceMetrics service={makeService()} />);
    expect(
      await screen.findByText('Metrics are not set up'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });

  it('shows other errors as errors', async () => {
    server.use(
      http.get(URL_, () => errorResponse(500, 'Error', 'query failed')),
    );
    renderWithBackend(<ServiceMetrics service={makeService()} />);
    expect(
      await screen.findByText(/Could not load the metrics/),
    ).toBeInTheDocument();
  });
});

describe('metricGroups', () => {
  it('places series by name and unit and keeps the rest', () => {
    const { series } = makeMetrics();
    expect(seriesOfGroup(series, 'disk').map(s => s.name)).toEqual([
      'disk_read',
      'disk_write',
    ]);
    expect(seriesOfGroup(series, 'network').map(s => s.name)).toEqual([
      'network_in',
      'network_out',
    ]);
    const requests = {
      ...series[0],
      name: 'requests',
      unit: 'req/s' as const,
    };
    expect(seriesOfGroup([...series, requests], 'requests')).toEqual([
      requests,
    ]);
    const odd = { ...series[0], name: 'queue_depth', unit: 'percent' as const };
    expect([...ungroupedByUnit([...series, odd]).keys()]).toEqual(['percent']);
  });
});
