import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type {
  CloudService,
  ServiceBackup,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  BASE_URL,
  errorResponse,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import { makeService } from '../../__testUtils__/fixtures';
import { ServiceBackups } from './ServiceBackups';

const SVC = `${BASE_URL}/workspaces/ws1/services/svc1`;

function backup(overrides: Partial<ServiceBackup> = {}): ServiceBackup {
  return {
    id: 'bk-1',
    workspaceId: 'ws1',
    serviceId: 'svc1',
    release: 'paas-ws-ws1-app',
    kind: 'manual',
    createdBy: 'user:default/jane',
    status: 'succeeded',
    sizeBytes: 1536,
    snapshotId: 'abc',
    message: null,
    createdAt: '2026-11-30T10:00:00.000Z',
    completedAt: '2026-11-30T10:01:00.000Z',
    ...overrides,
  };
}

const list = (items: ServiceBackup[], extra: object = {}) => ({
  items,
  usage: { usedBytes: 1536, quotaBytes: 2048 },
  available: true,
  unavailableReason: null,
  ...extra,
});

const noSchedule = { schedule: null, nextRunAt: null };

describe('ServiceBackups', () => {
  const server = setupCloudServicesServer();

  function serve(items: ServiceBackup[], extra: object = {}) {
    const sent: Array<{ method: string; url: string; body: unknown }> = [];
    const record = async ({ request }: { request: Request }) => {
      const text = await request.text();
      sent.push({
        method: request.method,
        url: request.url.replace(BASE_URL, ''),
        body: text ? JSON.parse(text) : undefined,
      });
    };
    server.use(
      http.get(`${SVC}/backups`, () => HttpResponse.json(list(items, extra))),
      http.get(`${SVC}/backup-schedule`, () => HttpResponse.json(noSchedule)),
      http.post(`${SVC}/backups`, async info => {
        await record(info);
        return HttpResponse.json(backup({ id: 'bk-2', status: 'running' }), {
          status: 202,
        });
      }),
      http.post(`${SVC}/backups/:id/restore`, async info => {
        await record(info);
        return HttpResponse.json(
          {
            id: 'rs-1',
            backupId: 'bk-1',
            targetServiceId: 'svc1',
            status: 'running',
            createdBy: 'user:default/jane',
            message: null,
            createdAt: '2026-11-30T11:00:00.000Z',
            completedAt: null,
          },
          { status: 202 },
        );
      }),
      http.put(`${SVC}/backup-schedule`, async info => {
        await record(info);
        return HttpResponse.json({
          schedule: info.request.url && sent[sent.length - 1].body,
          nextRunAt: '2026-12-01T02:00:00.000Z',
        });
      }),
    );
    return sent;
  }

  const render = (canManage: boolean, onChanged = jest.fn()) =>
    renderWithBackend(
      <ServiceBackups
        // plan: another engineer's field, not yet in the shared fixture.
        service={makeService({ plan: null } as Partial<CloudService>)}
        canManage={canManage}
        baseDomain="example.com"
        onChanged={onChanged}
      />,
    );

  it('lists backups with size, status, kind and who, and shows members no actions', async () => {
    serve([
      backup(),
      backup({
        id: 'bk-0',
        kind: 'scheduled',
        createdBy: 'woow-cloud-services:backup-schedule',
        status: 'failed',
        sizeBytes: null,
        message: 'restic: repository locked',
      }),
    ]);
    render(false);
    expect(await screen.findByText('1.5 KiB')).toBeInTheDocument();
    expect(screen.getByText('Manual')).toBeInTheDocument();
    expect(screen.getByText('jane')).toBeInTheDocument();
    expect(screen.getByText('Scheduled')).toBeInTheDocument();
    expect(screen.getByText('restic: repository locked')).toBeInTheDocument();
    expect(screen.getByText(/1.5 KiB of 2 KiB/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Back up now' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Restore/ })).toBeNull();
    expect(
      screen.getByText(/admins and owners back up, restore/),
    ).toBeInTheDocument();
  });

  it('says when there are no backups yet', async () => {
    serve([]);
    render(true);
    expect(await screen.findByText('No backups yet')).toBeInTheDocument();
  });

  it('hides the actions and says why when the platform has no backup storage', async () => {
    serve([], {
      available: false,
      unavailableReason: 'Backups are not configured on this platform',
    });
    render(true);
    expect(
      await screen.findByText(/Backups are not configured on this platform/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Back up now' })).toBeNull();
  });

  it('backs up now', async () => {
    const sent = serve([]);
    render(true);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Back up now' }),
    );
    await waitFor(() =>
      expect(sent).toEqual([
        {
          method: 'POST',
          url: '/workspaces/ws1/services/svc1/backups',
          body: undefined,
        },
      ]),
    );
  });

  it('shows progress while a backup runs', async () => {
    serve([backup({ status: 'running', sizeBytes: null })]);
    render(true);
    expect(
      await screen.findByText(/Backing up \(copying the volumes\)/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Back up now' })).toBeDisabled();
  });

  it('restores over the service after a confirmation naming what is overwritten', async () => {
    const sent = serve([backup()]);
    const onChanged = jest.fn();
    render(true, onChanged);
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Restore the backup of/,
      }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(
      /overwrites all data in the volumes of Orders DB/,
    );
    expect(sent).toEqual([]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Restore and overwrite' }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(sent).toEqual([
      {
        method: 'POST',
        url: '/workspaces/ws1/services/svc1/backups/bk-1/restore',
        body: { target: 'same' },
      },
    ]);
  });

  it('restores as a new service only with a valid name and subdomain', async () => {
    const sent = serve([backup()]);
    render(true);
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Restore as new service from the backup of/,
      }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.clear(
      within(dialog).getByLabelText(/Name of the new service/),
    );
    await userEvent.type(within(dialog).getByLabelText(/Subdomain/), 'www');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Deploy and restore' }),
    );
    expect(within(dialog).getByText('is required')).toBeInTheDocument();
    expect(within(dialog).getByText('is reserved')).toBeInTheDocument();
    expect(sent).toEqual([]);

    await userEvent.type(
      within(dialog).getByLabelText(/Name of the new service/),
      'Copy',
    );
    await userEvent.clear(within(dialog).getByLabelText(/Subdomain/));
    await userEvent.type(within(dialog).getByLabelText(/Subdomain/), 'copy');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Deploy and restore' }),
    );
    await waitFor(() =>
      expect(sent).toEqual([
        {
          method: 'POST',
          url: '/workspaces/ws1/services/svc1/backups/bk-1/restore',
          body: { target: 'new', name: 'Copy', subdomain: 'copy' },
        },
      ]),
    );
  });

  it('checks the schedule before saving it', async () => {
    const sent = serve([]);
    render(true);
    const retention = await screen.findByLabelText(/Backups kept/);
    await userEvent.clear(retention);
    await userEvent.type(retention, '31');
    await userEvent.click(
      screen.getByRole('button', { name: 'Save schedule' }),
    );
    expect(await screen.findByText('must be at most 30')).toBeInTheDocument();
    expect(sent).toEqual([]);

    await userEvent.clear(retention);
    await userEvent.type(retention, '5');
    await userEvent.click(
      screen.getByRole('button', { name: 'Save schedule' }),
    );
    await waitFor(() =>
      expect(sent).toEqual([
        {
          method: 'PUT',
          url: '/workspaces/ws1/services/svc1/backup-schedule',
          body: {
            frequency: 'daily',
            weekday: null,
            time: '02:00',
            retention: 5,
            enabled: true,
          },
        },
      ]),
    );
  });

  it('shows the error when the backups cannot be loaded', async () => {
    server.use(
      http.get(`${SVC}/backups`, () =>
        errorResponse(500, 'Error', 'database unavailable'),
      ),
      http.get(`${SVC}/backup-schedule`, () => HttpResponse.json(noSchedule)),
    );
    render(true);
    expect(
      await screen.findByText(/Could not load the backups/),
    ).toBeInTheDocument();
  });
});
