import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  serviceDeletePermission,
  workspaceReadPermission,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { applyDatabaseMigrations } from '../database/migrations';
import { WorkspaceStore } from '../database/WorkspaceStore';
import { AccessControl } from '../services/AccessControl';
import {
  createWorkspaceConditionalDecision,
  registerWorkspacePermissions,
  workspaceConditions,
  workspacePermissionRules,
  type WorkspaceResource,
} from './workspaceResource';

const OWNER = 'user:default/owner';
const VIEWER = 'user:default/viewer';

describe('workspace permissions', () => {
  const databases = createTestDatabases();

  async function setup(id: any) {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    const store = new WorkspaceStore(knex);
    await store.create({ id: 'ws', name: 'WS', description: '', owner: OWNER });
    await store.addMember('ws', {
      userRef: VIEWER,
      role: 'viewer',
      addedBy: OWNER,
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'evaluates conditional decisions against workspace members, on %p',
    async id => {
      const { knex, store } = await setup(id);
      const registry = mockServices.permissionsRegistry.mock();
      registerWorkspacePermissions(registry, store);
      const options = registry.addResourceType.mock.calls[0][0] as any;
      expect(options.resourceRef.resourceType).toBe('woow-workspace');
      const [ws, missing] = (await options.getResources([
        'ws',
        'nope',
      ])) as Array<WorkspaceResource | undefined>;
      expect(missing).toBeUndefined();

      const authorize = createConditionAuthorizer(
        Object.values(workspacePermissionRules),
      );
      const adminsOnly = createWorkspaceConditionalDecision(
        serviceDeletePermission,
        workspaceConditions.isWorkspaceMember({
          userRefs: [VIEWER],
          minRole: 'admin',
        }),
      );
      expect(authorize(adminsOnly, ws)).toBe(false);
      const ownersIncluded = createWorkspaceConditionalDecision(
        serviceDeletePermission,
        workspaceConditions.isWorkspaceMember({
          userRefs: [OWNER],
          minRole: 'admin',
        }),
      );
      expect(authorize(ownersIncluded, ws)).toBe(true);
      const byId = createWorkspaceConditionalDecision(
        workspaceReadPermission,
        workspaceConditions.hasWorkspaceId({ workspaceIds: ['other'] }),
      );
      expect(authorize(byId, ws)).toBe(false);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'lets a platform policy deny what a workspace role allows, on %p',
    async id => {
      const { knex, store } = await setup(id);
      const owner = mockCredentials.user(OWNER);
      const allowAll = new AccessControl({
        workspaces: store,
        permissions: mockServices.permissions(),
      });
      await expect(
        allowAll.requireWorkspace(owner, 'ws', serviceDeletePermission),
      ).resolves.toEqual({
        userRef: OWNER,
        role: 'owner',
      });
      // Roles come first: a viewer cannot delete even when the policy allows everything.
      await expect(
        allowAll.requireWorkspace(
          mockCredentials.user(VIEWER),
          'ws',
          serviceDeletePermission,
        ),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      // Non-members cannot tell the workspace exists.
      await expect(
        allowAll.requireWorkspace(
          mockCredentials.user('user:default/x'),
          'ws',
          workspaceReadPermission,
        ),
      ).rejects.toMatchObject({ name: 'NotFoundError' });

      const denying = new AccessControl({
        workspaces: store,
        permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
      });
      await expect(
        denying.requireWorkspace(owner, 'ws', serviceDeletePermission),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      await knex.destroy();
    },
  );
});
