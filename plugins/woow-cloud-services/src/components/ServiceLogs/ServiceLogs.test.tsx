import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  errorResponse,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import { makeService } from '../../__testUtils__/fixtures';
import { appendLines } from '../../hooks/useLogStream';
import { ServiceLogs } from './ServiceLogs';

const SVC = '/workspaces/ws1/services/svc1';
const PODS = {
  pods: [
    {
      name: 'app-7d9f-abcde',
      phase: 'Running',
      createdAt: '2026-11-30T08:00:00.000Z',
      containers: [
        { name: 'init-db', init: true },
        { name: 'app', init: false },
      ],
    },
    {
      name: 'app-7d9f-fghij',
      phase: 'Pending',
      containers: [{ name: 'app', init: false }],
    },
  ],
};

/** A log response the test writes to line by line, and sees aborted. */
function controllableLog() {
  const requests: URL[] = [];
  let write: (text: string) => void = () => {};
  let end: () => void = () => {};
  let aborted = 0;
  const handler = http.get(`${BASE_URL}${SVC}/pod-logs`, ({ request }) => {
    requests.push(new URL(request.url));
    request.signal.addEventListener('abort', () => {
      aborted += 1;
    });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        write = text => controller.enqueue(encoder.encode(text));
        end = () => controller.close();
      },
    });
    return new HttpResponse(body, {
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  });
  return {
    handler,
    requests,
    write: (text: string) => write(text),
    end: () => end(),
    aborted: () => aborted,
  };
}

describe('ServiceLogs', () => {
  const server = setupCloudServicesServer();

  it('follows the first pod’s app container and appends lines as they arrive', async () => {
    const log = controllableLog();
    server.use(getJson(`${SVC}/pods`, PODS), log.handler);
    await renderWithBackend(<ServiceLogs service={makeService()} />);

    expect(await screen.findByLabelText('Pod')).toHaveValue('app-7d9f-abcde');
    expect(screen.getByLabelText('Container')).toHaveValue('app');
    await waitFor(() => expect(log.requests).toHaveLength(1));
    const query = Object.fromEntries(log.requests[0].searchParams);
    expect(query).toEqual({
      pod: 'app-7d9f-abcde',
      container: 'app',
      follow: 'true',
      timestamps: 'false',
      tailLines: '500',
    });

    log.write('first line\nsecond ');
    const view = screen.getByRole('log');
    await waitFor(() => expect(view).toHaveTextContent('first line'));
    expect(view).not.toHaveTextContent('second');
    log.write('half\n');
    await waitFor(() => expect(view).toHaveTextContent('second half'));
    expect(screen.getByRole('status')).toHaveTextContent('Live');
    expect(screen.getByRole('status')).toHaveTextContent('2 lines');
  });

  it('filters shown lines by the search and downloads them as a .log file', async () => {
    const log = controllableLog();
    server.use(getJson(`${SVC}/pods`, PODS), log.handler);
    const created: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:log';
    });
    URL.revokeObjectURL = jest.fn();
    // jsdom does not navigate; the file itself is what is checked.
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderWithBackend(<ServiceLogs service={makeService()} />);
    await waitFor(() => expect(log.requests).toHaveLength(1));
    log.write('GET /health 200\nERROR db refused\nGET / 200\n');
    const view = await screen.findByRole('log');
    await waitFor(() => expect(view).toHaveTextContent('GET / 200'));

    fireEvent.change(screen.getByLabelText('Search log lines'), {
      target: { value: 'error' },
    });
    expect(view).toHaveTextContent('ERROR db refused');
    expect(view).not.toHaveTextContent('GET');
    expect(screen.getByRole('status')).toHaveTextContent('1 of 3 lines match');

    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(created).toHaveLength(1);
    expect(click).toHaveBeenCalledTimes(1);
    expect(await created[0].text()).toBe('ERROR db refused\n');
    click.mockRestore();
  });

  it('pauses (the stream ends, lines stay) and follows again from a fresh tail', async () => {
    const log = controllableLog();
    server.use(getJson(`${SVC}/pods`, PODS), log.handler);
    await renderWithBackend(<ServiceLogs service={makeService()} />);
    await waitFor(() => expect(log.requests).toHaveLength(1));
    log.write('kept line\n');
    const view = await screen.findByRole('log');
    await waitFor(() => expect(view).toHaveTextContent('kept line'));

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(log.aborted()).toBe(1));
    expect(screen.getByRole('status')).toHaveTextContent('Paused');
    expect(view).toHaveTextContent('kept line');

    fireEvent.click(screen.getByRole('button', { name: 'Follow' }));
    await waitFor(() => expect(log.requests).toHaveLength(2));
  });

  it('follows again when the stream ends by itself (a restarted container), keeping the lines until the new tail comes', async () => {
    const log = controllableLog();
    server.use(getJson(`${SVC}/pods`, PODS), log.handler);
    await renderWithBackend(<ServiceLogs service={makeService()} />);
    await waitFor(() => expect(log.requests).toHaveLength(1));
    log.write('before the restart\n');
    const view = await screen.findByRole('log');
    await waitFor(() => expect(view).toHaveTextContent('before the restart'));
    log.end();
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Reconnecting'),
    );
    expect(view).toHaveTextContent('before the restart');
    // RECONNECT_DELAY_MS later (the timeout only guards against a hang).
    await waitFor(() => expect(log.requests).toHaveLength(2), {
      timeout: 30_000,
    });
    log.write('after the restart\n');
    await waitFor(() => expect(view).toHaveTextContent('after the restart'));
    expect(view).not.toHaveTextContent('before the restart');
    expect(screen.getByRole('status')).toHaveTextContent('Live');
  });

  it('asks again with timestamps, and for the picked container', async () => {
    const log = controllableLog();
    server.use(getJson(`${SVC}/pods`, PODS), log.handler);
    await renderWithBackend(<ServiceLogs service={makeService()} />);
    await waitFor(() => expect(log.requests).toHaveLength(1));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Timestamps' }));
    await waitFor(() => expect(log.requests).toHaveLength(2));
    expect(log.requests[1].searchParams.get('timestamps')).toBe('true');
    fireEvent.change(screen.getByLabelText('Container'), {
      target: { value: 'init-db' },
    });
    await waitFor(() => expect(log.requests).toHaveLength(3));
    expect(log.requests[2].searchParams.get('container')).toBe('init-db');
  });

  it('says so when the service has no pods yet', async () => {
    server.use(getJson(`${SVC}/pods`, { pods: [] }));
    await renderWithBackend(<ServiceLogs service={makeService()} />);
    expect(await screen.findByText('No pods yet')).toBeInTheDocument();
  });

  it('shows why pods cannot be listed (viewers may not read logs)', async () => {
    server.use(
      http.get(`${BASE_URL}${SVC}/pods`, () =>
        errorResponse(
          403,
          'NotAllowedError',
          'This needs the member role in workspace ws1; you are viewer',
        ),
      ),
    );
    await renderWithBackend(<ServiceLogs service={makeService()} />);
    expect(
      await screen.findByText(/Could not load the pods/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/needs the member role/).length).toBeGreaterThan(
      0,
    );
  });

  it('shows a log that cannot be read', async () => {
    server.use(
      getJson(`${SVC}/pods`, PODS),
      http.get(`${BASE_URL}${SVC}/pod-logs`, () =>
        errorResponse(404, 'NotFoundError', 'Pod "x" is not a pod of release'),
      ),
    );
    await renderWithBackend(<ServiceLogs service={makeService()} />);
    expect(
      await screen.findByText(/Could not read the log/),
    ).toBeInTheDocument();
  });
});

describe('appendLines', () => {
  it('keeps the newest lines only', () => {
    expect(appendLines(['a', 'b'], ['c', 'd'], 3)).toEqual(['b', 'c', 'd']);
    expect(appendLines([], ['a'], 3)).toEqual(['a']);
  });
});
