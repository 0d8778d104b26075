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
import { makeEvent, makeService } from '../../__testUtils__/fixtures';
import { ServiceActivity } from './ServiceActivity';

const URL_ = `${BASE_URL}/workspaces/ws1/services/svc1/logs`;

describe('ServiceActivity', () => {
  const server = setupCloudServicesServer();

  it('shows progress while loading', async () => {
    server.use(slow('/workspaces/ws1/services/svc1/logs', { items: [] }));
    renderWithBackend(<ServiceActivity service={makeService()} />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('lists events with type, result, message and state change', async () => {
    server.use(
      http.get(URL_, () =>
        HttpResponse.json({
          items: [
            makeEvent(),
            makeEvent({
              id: 'ev2',
              type: 'upgrade',
              result: 'failure',
              message: 'helm upgrade failed',
              fromState: 'upgrading',
              toState: 'error',
            }),
          ],
        }),
      ),
    );
    renderWithBackend(<ServiceActivity service={makeService()} />);
    expect(await screen.findByText('Release installed')).toBeInTheDocument();
    expect(screen.getByText('helm upgrade failed')).toBeInTheDocument();
    expect(screen.getByText('Upgrading → Error')).toBeInTheDocument();
    expect(screen.getByText('failure')).toBeInTheDocument();
  });

  it('sends the type, time range and search filters', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(URL_, ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json({ items: [] });
      }),
    );
    renderWithBackend(<ServiceActivity service={makeService()} />);
    await screen.findByText('No activity matches these filters.');
    await userEvent.selectOptions(
      screen.getByLabelText('Event type'),
      'rollback',
    );
    await userEvent.type(screen.getByLabelText('From'), '2026-01-02T10:00');
    await userEvent.type(screen.getByLabelText('Search activity'), 'timeout');
    await new Promise(r => setTimeout(r, 500));
    const last = queries[queries.length - 1];
    expect(last.get('type')).toBe('rollback');
    expect(last.get('from')).toBe(new Date('2026-01-02T10:00').toISOString());
    expect(last.get('search')).toBe('timeout');
    expect(last.get('to')).toBeNull();
  });

  it('says when nothing matches', async () => {
    server.use(http.get(URL_, () => HttpResponse.json({ items: [] })));
    renderWithBackend(<ServiceActivity service={makeService()} />);
    expect(
      await screen.findByText('No activity matches these filters.'),
    ).toBeInTheDocument();
  });

  it('shows an error when the history cannot be read', async () => {
    server.use(http.get(URL_, () => errorResponse(500, 'Error', 'db gone')));
    renderWithBackend(<ServiceActivity service={makeService()} />);
    expect(
      await screen.findByText(/Could not load the activity/),
    ).toBeInTheDocument();
  });
});
