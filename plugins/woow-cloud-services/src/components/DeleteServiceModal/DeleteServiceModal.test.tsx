import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  errorResponse,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import { makeService } from '../../__testUtils__/fixtures';
import { DeleteServiceModal } from './DeleteServiceModal';

const URL_ = `${BASE_URL}/workspaces/ws1/services/svc1`;

const volumes = (over: object = {}) =>
  http.get(`${URL_}/volumes`, () =>
    HttpResponse.json({
      serviceId: 'svc1',
      survivingUninstall: ['data of StatefulSet orders-db'],
      deletedByUninstall: [],
      keepDataPossible: true,
      ...over,
    }),
  );

const backups = (items: object[]) =>
  http.get(`${URL_}/backups`, () =>
    HttpResponse.json({
      items,
      usage: { usedBytes: 0, quotaBytes: null },
      available: true,
      unavailableReason: null,
    }),
  );

describe('DeleteServiceModal', () => {
  const server = setupCloudServicesServer();
  beforeEach(() => server.use(volumes(), backups([])));

  function renderModal(onDeleted = jest.fn()) {
    renderWithBackend(
      <DeleteServiceModal
        open
        service={makeService()}
        onClose={jest.fn()}
        onDeleted={onDeleted}
      />,
    );
    return onDeleted;
  }

  it('keeps data by default and only enables Delete once the name is typed', async () => {
    renderModal();
    expect(
      await screen.findByRole('radio', {
        name: /Keep data volumes \(data of StatefulSet orders-db\)/,
      }),
    ).toBeChecked();
    const del = screen.getByRole('button', { name: 'Delete service' });
    expect(del).toBeDisabled();
    const confirm = screen.getByLabelText('Type the service name to confirm');
    await userEvent.type(confirm, 'Orders');
    expect(del).toBeDisabled();
    await userEvent.type(confirm, ' DB');
    expect(del).toBeEnabled();
  });

  it('deletes keeping the data volumes', async () => {
    let url: URL | undefined;
    server.use(
      http.delete(URL_, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json(makeService({ state: 'deleting' }), {
          status: 202,
        });
      }),
    );
    const onDeleted = renderModal();
    await userEvent.type(
      screen.getByLabelText('Type the service name to confirm'),
      'Orders DB',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete service' }),
    );
    await screen.findByRole('button', { name: 'Delete service' });
    expect(url?.searchParams.get('deleteData')).toBe('false');
    expect(url?.searchParams.get('keepBackups')).toBe('true');
    expect(url?.searchParams.get('version')).toBe('7');
    expect(onDeleted).toHaveBeenCalled();
  });

  it('deletes the data volumes when chosen', async () => {
    let url: URL | undefined;
    server.use(
      http.delete(URL_, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json(makeService({ state: 'deleting' }), {
          status: 202,
        });
      }),
    );
    const onDeleted = renderModal();
    await userEvent.click(
      await screen.findByRole('radio', {
        name: /Delete data volumes permanently/,
      }),
    );
    await userEvent.type(
      screen.getByLabelText('Type the service name to confirm'),
      'Orders DB',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete service' }),
    );
    await screen.findByRole('button', { name: 'Delete service' });
    expect(url?.searchParams.get('deleteData')).toBe('true');
    expect(onDeleted).toHaveBeenCalled();
  });

  it('shows why a delete failed', async () => {
    server.use(
      http.delete(URL_, () =>
        errorResponse(409, 'ConflictError', 'an upgrade is running'),
      ),
    );
    const onDeleted = renderModal();
    await userEvent.type(
      screen.getByLabelText('Type the service name to confirm'),
      'Orders DB',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete service' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /an upgrade is running/,
    );
    expect(onDeleted).not.toHaveBeenCalled();
  });

  it('offers no "keep data" when helm deletes the volumes, and deletes them as will really happen', async () => {
    let url: URL | undefined;
    server.use(
      volumes({
        survivingUninstall: [],
        deletedByUninstall: ['orders-data'],
        keepDataPossible: false,
      }),
      http.delete(URL_, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json(makeService({ state: 'deleting' }), {
          status: 202,
        });
      }),
    );
    const onDeleted = renderModal();
    expect(
      await screen.findByText(/does not\s+keep its volumes \(orders-data\)/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    await userEvent.type(
      screen.getByLabelText('Type the service name to confirm'),
      'Orders DB',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete service' }),
    );
    await screen.findByRole('button', { name: 'Delete service' });
    expect(url?.searchParams.get('deleteData')).toBe('true');
    expect(onDeleted).toHaveBeenCalled();
  });

  it('says so when the application keeps no data in volumes', async () => {
    server.use(
      volumes({
        survivingUninstall: [],
        deletedByUninstall: [],
        keepDataPossible: false,
      }),
    );
    renderModal();
    expect(
      await screen.findByText('This application keeps no data in volumes.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('keeps the backups by default, and asks the backend to delete them with the service when unchecked', async () => {
    const urls: URL[] = [];
    const backup = {
      id: 'bk-1',
      workspaceId: 'ws1',
      serviceId: 'svc1',
      release: 'r',
      kind: 'manual',
      createdBy: 'user:default/jane',
      status: 'succeeded',
      sizeBytes: 10,
      snapshotId: 's',
      message: null,
      createdAt: '2026-11-30T10:00:00.000Z',
      completedAt: '2026-11-30T10:01:00.000Z',
    };
    let separateCall = false;
    server.use(
      backups([backup, { ...backup, id: 'bk-2' }]),
      http.delete(URL_, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(makeService({ state: 'deleting' }), {
          status: 202,
        });
      }),
      http.delete(`${URL_}/backups`, () => {
        separateCall = true;
        return HttpResponse.json({ deleted: 2 });
      }),
    );
    const onDeleted = renderModal();
    const keep = await screen.findByRole('checkbox', {
      name: /Keep its 2 backups in backup storage/,
    });
    expect(keep).toBeChecked();
    await userEvent.click(keep);
    await userEvent.type(
      screen.getByLabelText('Type the service name to confirm'),
      'Orders DB',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete service' }),
    );
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(urls.map(u => u.searchParams.get('keepBackups'))).toEqual(['false']);
    expect(separateCall).toBe(false);
  });
});
