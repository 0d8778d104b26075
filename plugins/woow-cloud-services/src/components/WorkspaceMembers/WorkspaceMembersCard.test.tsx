import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { Entity } from '@backstage/catalog-model';
import type { WorkspaceRole } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  BASE_URL,
  errorResponse,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
  slow,
} from '../../__testUtils__/server';
import { makeMember } from '../../__testUtils__/fixtures';
import { WorkspaceMembersCard } from './WorkspaceMembersCard';
import { toUserEntityRef } from './AddMemberDialog';

const MEMBERS = `${BASE_URL}/workspaces/ws1/members`;
const JANE = 'user:default/jane';
const BOB = 'user:default/bob';
const ANN = 'user:default/ann';

describe('WorkspaceMembersCard', () => {
  const server = setupCloudServicesServer();

  function givenMembers(myRole: WorkspaceRole) {
    server.use(
      getJson('/workspaces/ws1/members', {
        items: [
          makeMember(BOB, 'viewer'),
          makeMember(JANE, myRole, { addedBy: JANE }),
          makeMember(ANN, 'owner'),
        ],
      }),
    );
  }

  function renderCard(
    myRole: WorkspaceRole,
    callbacks: Partial<{
      onMyRoleChanged: () => void;
      onLeft: () => void;
    }> = {},
    catalogEntities: Entity[] = [],
  ) {
    renderWithBackend(
      <WorkspaceMembersCard
        workspaceId="ws1"
        myRole={myRole}
        onMyRoleChanged={callbacks.onMyRoleChanged ?? jest.fn()}
        onLeft={callbacks.onLeft ?? jest.fn()}
      />,
      { userEntityRef: JANE, catalogEntities },
    );
  }

  async function leaveWorkspace() {
    await userEvent.click(
      await screen.findByRole('button', { name: 'Leave workspace' }),
    );
    await userEvent.click(
      within(
        await screen.findByRole('dialog', { name: 'Leave this workspace?' }),
      ).getByRole('button', { name: 'Leave' }),
    );
  }

  const rows = async () =>
    (await screen.findAllByRole('row')).slice(1).map(r => r.textContent);

  it('shows progress while loading', async () => {
    server.use(slow('/workspaces/ws1/members', { items: [] }));
    renderCard('admin');
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says so when the members cannot be loaded', async () => {
    server.use(
      http.get(MEMBERS, () => errorResponse(500, 'Error', 'database is down')),
    );
    renderCard('admin');
    expect(
      await screen.findByText(/Could not load the members/),
    ).toBeInTheDocument();
  });

  it('lists members by role, marks the signed-in user, and hides actions from viewers', async () => {
    givenMembers('viewer');
    renderCard('viewer');
    expect(await rows()).toEqual([
      expect.stringMatching(/^user:default\/annOwner/),
      expect.stringMatching(/^user:default\/bobViewer/),
      expect.stringMatching(/^user:default\/jane \(you\)Viewer/),
    ]);
    expect(
      screen.queryByRole('button', { name: 'Add member' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(screen.queryByLabelText(/^Role of/)).toBeNull();
    // Anyone may leave.
    expect(
      screen.getByRole('button', { name: 'Leave workspace' }),
    ).toBeInTheDocument();
  });

  it('lets an admin change roles and remove members, but not touch owners', async () => {
    givenMembers('admin');
    renderCard('admin');
    await screen.findByLabelText(`Role of ${BOB}`);
    // The role shown is part of the control's name (WCAG 2.5.3).
    expect(
      screen.getByRole('button', { name: `Role of ${BOB} Viewer` }),
    ).toHaveTextContent('Viewer');
    expect(screen.queryByLabelText(`Role of ${ANN}`)).toBeNull();
    expect(
      screen.queryByRole('button', { name: `Remove ${ANN}` }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: `Remove ${BOB}` }),
    ).toBeInTheDocument();

    let body: unknown;
    server.use(
      http.put(`${MEMBERS}/${encodeURIComponent(BOB)}`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(makeMember(BOB, 'member'));
      }),
    );
    await userEvent.click(screen.getByLabelText(`Role of ${BOB}`));
    const options = within(await screen.findByRole('listbox'))
      .getAllByRole('option')
      .map(o => o.textContent);
    expect(options).toEqual(['Admin', 'Member', 'Viewer']);
    await userEvent.click(screen.getByRole('option', { name: 'Member' }));
    await waitFor(() => expect(body).toEqual({ role: 'member' }));
  });

  it('lets an owner make someone owner', async () => {
    givenMembers('owner');
    renderCard('owner');
    await userEvent.click(await screen.findByLabelText(`Role of ${BOB}`));
    const options = within(await screen.findByRole('listbox'))
      .getAllByRole('option')
      .map(o => o.textContent);
    expect(options).toEqual(['Owner', 'Admin', 'Member', 'Viewer']);
    expect(screen.getByLabelText(`Role of ${ANN}`)).toBeInTheDocument();
  });

  it('removes a member after confirmation', async () => {
    givenMembers('admin');
    let removed = false;
    server.use(
      http.delete(`${MEMBERS}/${encodeURIComponent(BOB)}`, () => {
        removed = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderCard('admin');
    await userEvent.click(
      await screen.findByRole('button', { name: `Remove ${BOB}` }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Remove ${BOB}?`,
    });
    expect(removed).toBe(false);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Remove' }),
    );
    await waitFor(() => expect(removed).toBe(true));
  });

  it("shows the server's refusal, such as removing the last owner", async () => {
    givenMembers('owner');
    server.use(
      getJson('/workspaces/ws1/members', {
        items: [makeMember(JANE, 'owner')],
      }),
      http.delete(`${MEMBERS}/${encodeURIComponent(JANE)}`, () =>
        errorResponse(
          409,
          'ConflictError',
          'The last owner of a workspace cannot be removed or demoted; make someone else owner first',
        ),
      ),
    );
    const onLeft = jest.fn();
    renderCard('owner', { onLeft });
    await leaveWorkspace();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /last owner of a workspace cannot be removed/,
    );
    expect(onLeft).not.toHaveBeenCalled();
  });

  it('tells the page when the signed-in user left', async () => {
    givenMembers('member');
    server.use(
      http.delete(
        `${MEMBERS}/${encodeURIComponent(JANE)}`,
        () => new HttpResponse(null, { status: 204 }),
      ),
    );
    const onLeft = jest.fn();
    renderCard('member', { onLeft });
    await leaveWorkspace();
    await waitFor(() => expect(onLeft).toHaveBeenCalled());
  });

  describe('adding a member', () => {
    async function openDialog() {
      await userEvent.click(
        await screen.findByRole('button', { name: 'Add member' }),
      );
      return screen.findByRole('dialog', { name: 'Add member' });
    }

    it('completes a bare user name and sends the chosen role', async () => {
      givenMembers('admin');
      let body: unknown;
      server.use(
        http.post(MEMBERS, async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(makeMember('user:default/carl', 'viewer'), {
            status: 201,
          });
        }),
      );
      renderCard('admin');
      const dialog = await openDialog();
      await userEvent.type(within(dialog).getByLabelText('User'), 'carl');
      expect(dialog).toHaveTextContent('Their catalog user: user:default/carl');
      await userEvent.click(within(dialog).getByLabelText('Role'));
      await userEvent.click(
        within(await screen.findByRole('listbox')).getByRole('option', {
          name: 'Viewer',
        }),
      );
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Add member' }),
      );
      await waitFor(() =>
        expect(
          screen.queryByRole('dialog', { name: 'Add member' }),
        ).not.toBeInTheDocument(),
      );
      expect(body).toEqual({ userRef: 'user:default/carl', role: 'viewer' });
    });

    it("offers the catalog's users by display name", async () => {
      givenMembers('admin');
      let body: unknown;
      server.use(
        http.post(MEMBERS, async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(makeMember('user:acme/dora', 'member'), {
            status: 201,
          });
        }),
      );
      const user = (namespace: string, name: string, displayName?: string) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { namespace, name },
        spec: { profile: displayName ? { displayName } : {}, memberOf: [] },
      });
      renderCard('admin', {}, [
        user('acme', 'dora', 'Dora Explorer'),
        user('default', 'carl'),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { namespace: 'default', name: 'team-a' },
          spec: { type: 'team', children: [] },
        },
      ]);
      const dialog = await openDialog();
      await userEvent.type(within(dialog).getByLabelText('User'), 'expl');
      const listbox = await screen.findByRole('listbox');
      expect(
        within(listbox)
          .getAllByRole('option')
          .map(o => o.textContent),
      ).toEqual(['Dora Explorer user:acme/dora']);
      await userEvent.click(within(listbox).getByRole('option'));
      expect(within(dialog).getByLabelText('User')).toHaveValue(
        'user:acme/dora',
      );
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Add member' }),
      );
      await waitFor(() =>
        expect(body).toEqual({ userRef: 'user:acme/dora', role: 'member' }),
      );
    });

    it('refuses a malformed user without calling the server', async () => {
      givenMembers('admin');
      let called = false;
      server.use(
        http.post(MEMBERS, () => {
          called = true;
          return HttpResponse.json({});
        }),
      );
      renderCard('admin');
      const dialog = await openDialog();
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Add member' }),
      );
      expect(within(dialog).getByText('User is required')).toBeInTheDocument();
      await userEvent.type(
        within(dialog).getByLabelText('User'),
        'group:default/team',
      );
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Add member' }),
      );
      expect(
        within(dialog).getByText(/User must be a user entity ref/),
      ).toBeInTheDocument();
      expect(called).toBe(false);
    });

    it('shows a conflict from the server in the dialog', async () => {
      givenMembers('admin');
      server.use(
        http.post(MEMBERS, () =>
          errorResponse(409, 'ConflictError', `${BOB} is a member already`),
        ),
      );
      renderCard('admin');
      const dialog = await openDialog();
      await userEvent.type(within(dialog).getByLabelText('User'), 'bob');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Add member' }),
      );
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        'user:default/bob is a member already',
      );
    });

    it('offers the owner role to owners only', async () => {
      givenMembers('admin');
      renderCard('admin');
      const dialog = await openDialog();
      await userEvent.click(within(dialog).getByLabelText('Role'));
      expect(
        within(await screen.findByRole('listbox'))
          .getAllByRole('option')
          .map(o => o.textContent),
      ).toEqual(['Admin', 'Member', 'Viewer']);
    });
  });
});

describe('toUserEntityRef', () => {
  it.each([
    ['jane', 'user:default/jane'],
    [' jane ', 'user:default/jane'],
    ['acme/jane', 'user:acme/jane'],
    ['user:default/jane', 'user:default/jane'],
    ['group:default/x', 'group:default/x'],
    ['', ''],
  ])('%j -> %j', (typed, ref) => {
    expect(toUserEntityRef(typed)).toBe(ref);
  });
});
