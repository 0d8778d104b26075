import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  errorResponse,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
  slow,
} from '../../__testUtils__/server';
import {
  makeRevisionList,
  makeRevisions,
  makeService,
} from '../../__testUtils__/fixtures';
import { RevisionsTable } from './RevisionsTable';
import { RollbackMenu } from './RollbackMenu';

const SVC = `${BASE_URL}/workspaces/ws1/services/svc1`;

describe('RollbackMenu', () => {
  const server = setupCloudServicesServer();

  it('lists earlier revisions and rolls back after confirmation', async () => {
    let body: unknown;
    server.use(
      getJson('/workspaces/ws1/services/svc1/revisions', makeRevisionList()),
      http.post(`${SVC}/rollback`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(makeService({ state: 'rolling_back' }));
      }),
    );
    const onRolledBack = jest.fn();
    renderWithBackend(
      <RollbackMenu service={makeService()} onRolledBack={onRolledBack} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Rollback' }));
    const menu = await screen.findByRole('menu');
    // Revision 2 is current, so only revision 1 is offered.
    const item = await within(menu).findByRole('menuitem', {
      name: /Revision 1/,
    });
    expect(
      within(menu).queryByRole('menuitem', { name: /Revision 2/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(item);
    const dialog = await screen.findByRole('dialog', {
      name: 'Roll back to revision 1?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back' }),
    );
    await screen.findByRole('button', { name: 'Rollback' });
    expect(body).toEqual({ revision: 1, version: 7 });
    expect(onRolledBack).toHaveBeenCalled();
  });

  it('says when there is nothing to roll back to', async () => {
    server.use(
      getJson(
        '/workspaces/ws1/services/svc1/revisions',
        makeRevisionList(makeRevisions().filter(r => r.revision === 2)),
      ),
    );
    renderWithBackend(
      <RollbackMenu service={makeService()} onRolledBack={jest.fn()} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Rollback' }));
    expect(
      await screen.findByText('No earlier revision to roll back to'),
    ).toBeInTheDocument();
  });

  it('shows a failed rollback in the dialog', async () => {
    server.use(
      getJson('/workspaces/ws1/services/svc1/revisions', makeRevisionList()),
      http.post(`${SVC}/rollback`, () =>
        errorResponse(500, 'Error', 'helm rollback failed: timed out'),
      ),
    );
    const onRolledBack = jest.fn();
    renderWithBackend(
      <RollbackMenu service={makeService()} onRolledBack={onRolledBack} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Rollback' }));
    await userEvent.click(
      await screen.findByRole('menuitem', { name: /Revision 1/ }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Roll back' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'helm rollback failed: timed out',
    );
    expect(onRolledBack).not.toHaveBeenCalled();
  });

  it('is disabled while the service is busy', () => {
    renderWithBackend(
      <RollbackMenu
        service={makeService({ state: 'upgrading' })}
        onRolledBack={jest.fn()}
      />,
    );
    expect(screen.getByRole('button', { name: 'Rollback' })).toBeDisabled();
  });
});

describe('RevisionsTable', () => {
  const server = setupCloudServicesServer();

  it('shows progress while loading', async () => {
    server.use(
      slow('/workspaces/ws1/services/svc1/revisions', makeRevisionList([])),
    );
    renderWithBackend(
      <RevisionsTable
        service={makeService()}
        canRollback
        onRolledBack={jest.fn()}
      />,
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('lists revisions newest first with a rollback button for earlier ones', async () => {
    server.use(
      getJson('/workspaces/ws1/services/svc1/revisions', makeRevisionList()),
    );
    renderWithBackend(
      <RevisionsTable
        service={makeService()}
        canRollback
        onRolledBack={jest.fn()}
      />,
    );
    expect(await screen.findByText('Upgrade complete')).toBeInTheDocument();
    expect(screen.getByText('Current')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Roll back to revision 1' }),
    ).toBeEnabled();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Upgrade complete');
    expect(rows[1]).toHaveTextContent('Install complete');
  });

  it("marks helm's current revision, even when the service row lags behind", async () => {
    server.use(
      getJson(
        '/workspaces/ws1/services/svc1/revisions',
        makeRevisionList(makeRevisions(), 1),
      ),
    );
    renderWithBackend(
      <RevisionsTable
        service={makeService()}
        canRollback
        onRolledBack={jest.fn()}
      />,
    );
    expect(
      await screen.findByRole('button', { name: 'Roll back to revision 2' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Roll back to revision 1' }),
    ).not.toBeInTheDocument();
  });

  it('hides rollback from viewers', async () => {
    server.use(
      getJson('/workspaces/ws1/services/svc1/revisions', makeRevisionList()),
    );
    renderWithBackend(
      <RevisionsTable
        service={makeService()}
        canRollback={false}
        onRolledBack={jest.fn()}
      />,
    );
    await screen.findByText('Install complete');
    expect(
      screen.queryByRole('button', { name: /Roll back/ }),
    ).not.toBeInTheDocument();
  });

  it('says when there are no revisions', async () => {
    server.use(
      getJson('/workspaces/ws1/services/svc1/revisions', makeRevisionList([])),
    );
    renderWithBackend(
      <RevisionsTable
        service={makeService()}
        canRollback
        onRolledBack={jest.fn()}
      />,
    );
    expect(await screen.findByText('No revisions yet.')).toBeInTheDocument();
  });

  it('shows an error when the history cannot be read', async () => {
    server.use(
      http.get(`${SVC}/revisions`, () =>
        errorResponse(502, 'Error', 'operator unreachable'),
      ),
    );
    renderWithBackend(
      <RevisionsTable
        service={makeService()}
        canRollback
        onRolledBack={jest.fn()}
      />,
    );
    expect(
      await screen.findByText(/Could not load the revisions/),
    ).toBeInTheDocument();
  });
});
