import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  catalogEntityCreatePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  actionExecutePermission,
  taskCreatePermission,
  taskReadPermission,
  templateManagementPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  releaseAdoptPermission,
  serviceDeletePermission,
  serviceDeployPermission,
  serviceLogsReadPermission,
  templateManagePermission,
  workspaceCreatePermission,
  workspaceManageMembersPermission,
  workspaceReadPermission,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { PlatformAdminMatcher, readPlatformAdmins } from './platformAdmins';
import { WoowCloudServicesPermissionPolicy } from './WoowCloudServicesPermissionPolicy';

const ADMIN = 'user:default/root';
const GROUP_ADMIN = 'user:default/ops-jane';
const JANE = 'user:default/jane';
const NOBODY = 'user:default/nobody';

const memberships: Record<string, string[]> = {
  [JANE]: ['team-a', 'team-b'],
};

function makePolicy(options: { membershipsFail?: boolean } = {}) {
  const admins = readPlatformAdmins(
    new ConfigReader({
      woowCloudServices: {
        platformAdmins: {
          users: ['root'], // kind and namespace default to user:default
          groups: ['group:default/Platform-Team'],
        },
      },
    }),
  );
  return new WoowCloudServicesPermissionPolicy({
    admins: new PlatformAdminMatcher(admins),
    userInfo: {
      async getUserInfo(credentials) {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs:
            ref === GROUP_ADMIN ? [ref, 'group:default/platform-team'] : [ref],
        };
      },
    },
    memberships: {
      async workspaceIdsOf(ref) {
        if (options.membershipsFail) throw new Error('backend down');
        return memberships[ref] ?? [];
      },
    },
    logger: mockServices.logger.mock(),
  });
}

function asUser(ref: string) {
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
  };
}

async function decide(
  permission: Permission,
  userRef: string | undefined,
  options?: { membershipsFail?: boolean },
): Promise<PolicyDecision> {
  return makePolicy(options).handle(
    { permission },
    userRef ? asUser(userRef) : undefined,
  );
}

const ALLOW = AuthorizeResult.ALLOW;
const DENY = AuthorizeResult.DENY;
const CONDITIONAL = AuthorizeResult.CONDITIONAL;

describe('WoowCloudServicesPermissionPolicy', () => {
  const someOtherWrite = createPermission({
    name: 'other.thing.delete',
    attributes: { action: 'delete' },
  });
  const someOtherRead = createPermission({
    name: 'other.thing.read',
    attributes: { action: 'read' },
  });
  const unknownWoow = createPermission({
    name: 'woow.something.new',
    attributes: { action: 'read' },
  });

  it.each(
    [
      // [permission, user, expected]
      [templateManagePermission, ADMIN, ALLOW],
      [templateManagePermission, GROUP_ADMIN, ALLOW],
      [templateManagePermission, JANE, DENY],
      [templateManagePermission, undefined, DENY],
      [releaseAdoptPermission, ADMIN, ALLOW],
      [releaseAdoptPermission, GROUP_ADMIN, ALLOW],
      [releaseAdoptPermission, JANE, DENY],
      [releaseAdoptPermission, undefined, DENY],
      [workspaceCreatePermission, JANE, ALLOW],
      [workspaceCreatePermission, undefined, DENY],
      [unknownWoow, JANE, DENY],
      [unknownWoow, ADMIN, ALLOW],
      [catalogEntityReadPermission, ADMIN, ALLOW],
      [catalogEntityReadPermission, GROUP_ADMIN, ALLOW],
      [catalogEntityReadPermission, JANE, CONDITIONAL],
      [catalogEntityRefreshPermission, JANE, ALLOW],
      [catalogEntityCreatePermission, JANE, DENY],
      [catalogEntityCreatePermission, ADMIN, ALLOW],
      [catalogLocationCreatePermission, JANE, DENY],
      [taskCreatePermission, JANE, ALLOW],
      [actionExecutePermission, JANE, ALLOW],
      [taskReadPermission, JANE, CONDITIONAL],
      [taskReadPermission, ADMIN, ALLOW],
      [templateManagementPermission, JANE, DENY],
      [templateManagementPermission, ADMIN, ALLOW],
      [someOtherRead, JANE, ALLOW],
      [someOtherWrite, JANE, DENY],
      [someOtherWrite, ADMIN, ALLOW],
      [someOtherRead, undefined, DENY],
    ].map(([p, u, e]) => [(p as Permission).name, p, u, e]) as Array<
      [string, Permission, string | undefined, AuthorizeResult]
    >,
  )('%s for %s: %s', async (_name, permission, user, expected) => {
    expect((await decide(permission, user)).result).toBe(expected);
  });

  it.each([
    [workspaceReadPermission, 'viewer'],
    [serviceDeployPermission, 'member'],
    // logs may print secrets: not for viewers
    [serviceLogsReadPermission, 'member'],
    [serviceDeletePermission, 'admin'],
    [workspaceManageMembersPermission, 'admin'],
  ])(
    'answers %p with the workspace role it needs, admins included',
    async (permission, minRole) => {
      for (const user of [JANE, ADMIN]) {
        expect(await decide(permission, user)).toEqual({
          result: CONDITIONAL,
          pluginId: 'woow-cloud-services',
          resourceType: 'woow-workspace',
          conditions: {
            rule: 'IS_WORKSPACE_MEMBER',
            resourceType: 'woow-workspace',
            params: { userRefs: [user], minRole },
          },
        });
      }
    },
  );

  it("limits catalog reads to non-services and the user's workspaces", async () => {
    expect(await decide(catalogEntityReadPermission, JANE)).toEqual({
      result: CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          {
            not: {
              rule: 'IS_WOOW_CLOUD_SERVICE',
              resourceType: 'catalog-entity',
              params: {},
            },
          },
          {
            rule: 'IS_IN_WOOW_WORKSPACE',
            resourceType: 'catalog-entity',
            params: { workspaceIds: ['team-a', 'team-b'] },
          },
        ],
      },
    });
  });

  it('hides every service from users without workspaces, and when memberships cannot be read', async () => {
    const onlyNonServices = {
      result: CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        not: {
          rule: 'IS_WOOW_CLOUD_SERVICE',
          resourceType: 'catalog-entity',
          params: {},
        },
      },
    };
    expect(await decide(catalogEntityReadPermission, NOBODY)).toEqual(
      onlyNonServices,
    );
    expect(
      await decide(catalogEntityReadPermission, JANE, {
        membershipsFail: true,
      }),
    ).toEqual(onlyNonServices);
  });

  it('gives scaffolder tasks to their owner', async () => {
    expect(await decide(taskReadPermission, JANE)).toMatchObject({
      result: CONDITIONAL,
      conditions: {
        rule: 'IS_TASK_OWNER',
        params: { createdBy: [JANE] },
      },
    });
  });

  it('makes nobody an admin without configuration, and refuses malformed refs', () => {
    const none = readPlatformAdmins(new ConfigReader({}));
    expect(none).toEqual({ users: [], groups: [] });
    expect(() =>
      readPlatformAdmins(
        new ConfigReader({
          woowCloudServices: { platformAdmins: { users: ['user:'] } },
        }),
      ),
    ).toThrow(/platformAdmins.users has an invalid entity ref/);
  });
});
