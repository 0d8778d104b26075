import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import type { Workspace } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE_URL, renderField } from './__testUtils__/fieldHarness';
import { WorkspacePicker } from './WorkspacePicker';

const workspace = (
  id: string,
  name: string,
  myRole: Workspace['myRole'],
): Workspace => ({
  id,
  name,
  description: '',
  namespace: `paas-ws-${id}`,
  createdBy: 'user:default/jane',
  createdAt: '2025-01-01T00:00:00.000Z',
  version: 1,
  myRole,
  serviceCount: 0,
});

describe('WorkspacePicker', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const serve = (items: Workspace[]) =>
    server.use(
      http.get(`${BASE_URL}/workspaces`, () => HttpResponse.json({ items })),
    );

  it('offers my workspaces, the ones I only view disabled, and picks the chosen id', async () => {
    serve([
      workspace('team-a', 'Team A', 'member'),
      workspace('audit', 'Audit', 'viewer'),
      workspace('ops', 'Ops', 'owner'),
    ]);
    const { onChange } = renderField(WorkspacePicker, { title: 'Workspace' });
    await userEvent.click(
      await screen.findByRole('button', { name: /Workspace/ }),
    );
    const list = await screen.findByRole('listbox');
    expect(
      within(list).getByRole('option', {
        name: /Audit \(audit\) - viewer, cannot deploy/,
      }),
    ).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(
      within(list).getByRole('option', { name: 'Ops (ops)' }),
    );
    expect(onChange).toHaveBeenLastCalledWith('ops');
  });

  it('chooses the only workspace I can deploy in by itself', async () => {
    serve([
      workspace('team-a', 'Team A', 'admin'),
      workspace('audit', 'Audit', 'viewer'),
    ]);
    const { onChange } = renderField(WorkspacePicker, { title: 'Workspace' });
    expect(await screen.findByText('Team A (team-a)')).toBeInTheDocument();
    expect(onChange).toHaveBeenCalledWith('team-a');
  });

  it('says what to do when I cannot deploy anywhere', async () => {
    serve([workspace('audit', 'Audit', 'viewer')]);
    renderField(WorkspacePicker, { title: 'Workspace' });
    expect(
      await screen.findByText(/create one under Cloud Services first/),
    ).toBeInTheDocument();
  });

  it('shows why the list could not be loaded', async () => {
    server.use(
      http.get(`${BASE_URL}/workspaces`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'database is down',
            },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    renderField(WorkspacePicker, { title: 'Workspace' });
    expect(
      await screen.findByText(
        /Could not load your workspaces: .*database is down/,
      ),
    ).toBeInTheDocument();
  });
});
