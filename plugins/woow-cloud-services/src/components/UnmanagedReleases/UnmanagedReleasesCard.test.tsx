import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  releaseAdoptPermission,
  unmanagedReleaseListResponseSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  BASE_URL,
  errorResponse,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
  slow,
} from '../../__testUtils__/server';
import { makeService, makeTemplate } from '../../__testUtils__/fixtures';
import { UnmanagedReleasesCard } from './UnmanagedReleasesCard';

const ADMIN = { allowedPermissions: [releaseAdoptPermission.name] };

const listing = unmanagedReleaseListResponseSchema.parse({
  items: [
    {
      namespace: 'paas-ws-ws1',
      releaseName: 'paas-ws-ws1-legacy',
      workspaceId: 'ws1',
      workspaceExists: true,
      chart: 'postgresql',
      chartVersion: '15.5.0',
      appVersion: '16',
      status: 'deployed',
      revision: 4,
      updated: '2026-11-30T08:00:00.000Z',
      template: { id: 'tpl-postgres', slug: 'postgresql', name: 'PostgreSQL' },
      referenceId: 'legacy',
      adoptable: true,
    },
    {
      namespace: 'paas-ws-ghost',
      releaseName: 'handmade',
      workspaceId: 'ghost',
      workspaceExists: false,
      chart: 'redis',
      chartVersion: '1.0.0',
      appVersion: '7',
      status: 'deployed',
      revision: 1,
      updated: '2026-11-30T08:00:00.000Z',
      template: null,
      referenceId: null,
      adoptable: false,
      reason: 'the release is not named "paas-ws-ghost-<referenceId>"',
    },
  ],
  ignored: [],
  unreadableNamespaces: [{ namespace: 'paas-ws-old', reason: 'forbidden' }],
});

describe('UnmanagedReleasesCard', () => {
  const server = setupCloudServicesServer();

  beforeEach(() => {
    server.use(getJson('/templates', { items: [makeTemplate()] }));
  });

  it('shows nothing to users without the permission, and asks nothing', async () => {
    let asked = false;
    server.use(
      http.get(`${BASE_URL}/admin/unmanaged-releases`, () => {
        asked = true;
        return HttpResponse.json(listing);
      }),
    );
    renderWithBackend(
      <>
        <p>page</p>
        <UnmanagedReleasesCard />
      </>,
    );
    expect(await screen.findByText('page')).toBeInTheDocument();
    expect(
      screen.queryByText('Releases no service knows about'),
    ).not.toBeInTheDocument();
    expect(asked).toBe(false);
  });

  it('shows progress while loading', async () => {
    server.use(slow('/admin/unmanaged-releases', listing));
    renderWithBackend(<UnmanagedReleasesCard />, ADMIN);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says when the list cannot be loaded', async () => {
    server.use(
      http.get(`${BASE_URL}/admin/unmanaged-releases`, () =>
        errorResponse(
          503,
          'ServiceUnavailableError',
          'helm-operator list releases: unreachable',
        ),
      ),
    );
    renderWithBackend(<UnmanagedReleasesCard />, ADMIN);
    expect(
      await screen.findByText(/Could not load the unmanaged releases/),
    ).toBeInTheDocument();
  });

  it('says when every release belongs to a service', async () => {
    server.use(
      getJson('/admin/unmanaged-releases', {
        items: [],
        ignored: [],
        unreadableNamespaces: [],
      }),
    );
    renderWithBackend(<UnmanagedReleasesCard />, ADMIN);
    expect(
      await screen.findByText(
        'Nothing to adopt: every release in the workspace namespaces belongs to a service or was left alone.',
      ),
    ).toBeInTheDocument();
  });

  it('lists releases, says why one cannot be adopted, and adopts another', async () => {
    let sent: unknown;
    server.use(
      getJson('/admin/unmanaged-releases', listing),
      http.post(
        `${BASE_URL}/admin/unmanaged-releases/adopt`,
        async ({ request }) => {
          sent = await request.json();
          return HttpResponse.json(
            makeService({ id: 'svc9', name: 'Legacy DB' }),
            { status: 201 },
          );
        },
      ),
    );
    renderWithBackend(<UnmanagedReleasesCard />, ADMIN);
    const table = await screen.findByRole('table', {
      name: 'Unmanaged releases',
    });
    const ghost = within(table).getByText('handmade').closest('tr')!;
    expect(
      within(ghost as HTMLElement).getByText(
        /Cannot adopt: the release is not named/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/paas-ws-old \(forbidden\)/)).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Adopt paas-ws-ws1-legacy' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Adopt paas-ws-ws1-legacy',
    });
    expect(within(dialog).getByLabelText('Application')).toHaveTextContent(
      'PostgreSQL',
    );
    const name = within(dialog).getByLabelText('Service name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Legacy DB');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Adopt' }),
    );

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Adopted as Legacy DB',
    );
    expect(sent).toEqual({
      namespace: 'paas-ws-ws1',
      releaseName: 'paas-ws-ws1-legacy',
      workspaceId: 'ws1',
      templateId: 'tpl-postgres',
      name: 'Legacy DB',
      subdomain: 'legacy',
    });
  });

  it('says when no application deploys the chart, and asks for one', async () => {
    server.use(
      getJson('/admin/unmanaged-releases', {
        ...listing,
        items: [
          {
            ...listing.items[0],
            chart: 'redis',
            template: null,
          },
        ],
      }),
    );
    renderWithBackend(<UnmanagedReleasesCard />, ADMIN);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Adopt paas-ws-ws1-legacy' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'No marketplace application deploys chart redis: add one first',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Adopt' }),
    );
    expect(
      await within(dialog).findByText('Application is required'),
    ).toBeInTheDocument();
  });

  it('leaves a release alone and shows it again', async () => {
    const legacy = listing.items[0];
    const ref = {
      namespace: legacy.namespace,
      releaseName: legacy.releaseName,
    };
    let ignored = false;
    const calls: Array<[string, unknown]> = [];
    server.use(
      http.get(`${BASE_URL}/admin/unmanaged-releases`, () =>
        HttpResponse.json(
          ignored
            ? {
                items: [],
                ignored: [
                  {
                    ...ref,
                    ignoredBy: 'user:default/jane',
                    ignoredAt: '2026-11-30T09:00:00.000Z',
                  },
                ],
                unreadableNamespaces: [],
              }
            : { ...listing, items: [legacy] },
        ),
      ),
      http.post(
        `${BASE_URL}/admin/unmanaged-releases/:action`,
        async ({ request, params }) => {
          calls.push([String(params.action), await request.json()]);
          ignored = params.action === 'ignore';
          return new HttpResponse(null, { status: 204 });
        },
      ),
    );
    renderWithBackend(<UnmanagedReleasesCard />, ADMIN);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Leave it alone: paas-ws-ws1-legacy',
      }),
    );
    const left = await screen.findByRole('list', {
      name: 'Releases left alone',
    });
    expect(left).toHaveTextContent(
      'paas-ws-ws1-legacy (paas-ws-ws1), by user:default/jane',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await userEvent.click(
      within(left).getByRole('button', {
        name: 'Show again: paas-ws-ws1-legacy',
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Adopt paas-ws-ws1-legacy' }),
    ).toBeInTheDocument();
    expect(calls).toEqual([
      ['ignore', ref],
      ['unignore', ref],
    ]);
  });

  it('shows the reasons the backend gives on the fields', async () => {
    server.use(
      getJson('/admin/unmanaged-releases', listing),
      http.post(`${BASE_URL}/admin/unmanaged-releases/adopt`, () =>
        errorResponse(400, 'InputError', 'Invalid input', {
          fields: [{ field: 'subdomain', message: 'is taken' }],
        }),
      ),
    );
    renderWithBackend(<UnmanagedReleasesCard />, ADMIN);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Adopt paas-ws-ws1-legacy' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Adopt' }),
    );
    expect(
      await within(dialog).findByText('Subdomain is taken'),
    ).toBeInTheDocument();
  });
});
