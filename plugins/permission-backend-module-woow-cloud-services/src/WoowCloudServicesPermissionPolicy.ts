import type {
  BackstageUserInfo,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  createWoowCatalogConditionalDecision,
  woowCatalogConditions,
} from '@woowtech/backstage-plugin-catalog-backend-module-woow-cloud-services';
import {
  createWorkspaceConditionalDecision,
  workspaceConditions,
} from '@woowtech/backstage-plugin-woow-cloud-services-backend';
import {
  releaseAdoptPermission,
  templateManagePermission,
  WORKSPACE_PERMISSION_MIN_ROLE,
  WORKSPACE_RESOURCE_TYPE,
  workspaceCreatePermission,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { PlatformAdminMatcher } from './platformAdmins';
import type { WorkspaceMemberships } from './WorkspaceMembershipClient';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** Backstage permissions every signed-in user needs to use the portal. */
const ALLOWED_FOR_EVERYONE = new Set([
  workspaceCreatePermission.name,
  'catalog.entity.refresh',
  'catalog.entity.validate',
  'catalog.location.read',
  'catalog.location.analyze',
  'scaffolder.task.create',
  'scaffolder.action.execute',
  'scaffolder.template.parameter.read',
  'scaffolder.template.step.read',
  'kubernetes.clusters.read',
  'kubernetes.resources.read',
]);

/**
 * Platform administration: changing what the catalog ingests, editing
 * templates, proxying to clusters. Listed for the decision table; any
 * permission not named elsewhere that is not a read ends up here too.
 */
const ADMINS_ONLY = new Set([
  templateManagePermission.name,
  releaseAdoptPermission.name,
  'catalog.entity.create',
  'catalog.entity.delete',
  'catalog.location.create',
  'catalog.location.delete',
  'catalog.ingestion.read',
  'catalog.ingestion.manage',
  'scaffolder.template.management',
  'scaffolder.template.dry-run',
  'kubernetes.proxy',
]);

/** Who is asking, as far as the policy needs to know. */
interface Caller {
  userEntityRef: string;
  isPlatformAdmin: boolean;
}

/**
 * The permission policy Woow Cloud Services ships (see the README's
 * decision table). Deny by default for the product's own permissions;
 * workspace permissions are conditions on the caller's workspace role,
 * evaluated by the Cloud Services backend; cloud-service catalog entities
 * are readable by their workspace's members only.
 */
export class WoowCloudServicesPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly deps: {
      admins: PlatformAdminMatcher;
      /** The user's ownership refs (groups), when admin groups are configured. */
      userInfo: {
        getUserInfo(
          credentials: PolicyQueryUser['credentials'],
        ): Promise<BackstageUserInfo>;
      };
      memberships: WorkspaceMemberships;
      logger: LoggerService;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const caller = await this.caller(user);
    if (!caller) return DENY;
    const { permission } = request;
    const name = permission.name;

    if (isResourcePermission(permission, WORKSPACE_RESOURCE_TYPE)) {
      const minRole = WORKSPACE_PERMISSION_MIN_ROLE[name];
      if (!minRole) return DENY;
      return createWorkspaceConditionalDecision(
        permission,
        workspaceConditions.isWorkspaceMember({
          userRefs: [caller.userEntityRef],
          minRole,
        }),
      );
    }
    if (ALLOWED_FOR_EVERYONE.has(name)) return ALLOW;
    if (caller.isPlatformAdmin) return ALLOW;
    if (ADMINS_ONLY.has(name)) return DENY;
    // Deny by default for the product's permissions.
    if (name.startsWith('woow.')) return DENY;

    if (isResourcePermission(permission, 'catalog-entity')) {
      if (name === catalogEntityReadPermission.name) {
        return this.catalogRead(permission, caller);
      }
      return DENY;
    }
    if (
      isResourcePermission(permission, 'scaffolder-task') &&
      (name === taskReadPermission.name || name === taskCancelPermission.name)
    ) {
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [caller.userEntityRef],
        }),
      );
    }
    // Other plugins' permissions: reads are fine, changes are administration.
    return permission.attributes.action === 'read' ? ALLOW : DENY;
  }

  /**
   * Everything that is not a cloud service, and the cloud services of the
   * caller's workspaces. Without the memberships (backend unreachable) only
   * the first part holds: the decision fails closed for services.
   */
  private async catalogRead(
    permission: typeof catalogEntityReadPermission,
    caller: Caller,
  ): Promise<PolicyDecision> {
    let workspaceIds: string[] = [];
    try {
      workspaceIds = await this.deps.memberships.workspaceIdsOf(
        caller.userEntityRef,
      );
    } catch (error) {
      this.deps.logger.warn(
        'Could not read workspace memberships; cloud-service entities are hidden for this request',
        { userEntityRef: caller.userEntityRef, reason: String(error) },
      );
    }
    const notAService = { not: woowCatalogConditions.isWoowCloudService({}) };
    return createWoowCatalogConditionalDecision(
      permission,
      workspaceIds.length > 0
        ? {
            anyOf: [
              notAService,
              woowCatalogConditions.isInWoowWorkspace({ workspaceIds }),
            ],
          }
        : notAService,
    );
  }

  private async caller(user?: PolicyQueryUser): Promise<Caller | undefined> {
    const principal = user?.credentials.principal as
      | { type?: string; userEntityRef?: string }
      | undefined;
    if (!user || principal?.type !== 'user' || !principal.userEntityRef) {
      return undefined;
    }
    const userEntityRef = principal.userEntityRef;
    const { admins } = this.deps;
    if (admins.isAdminUser(userEntityRef)) {
      return { userEntityRef, isPlatformAdmin: true };
    }
    if (!admins.hasGroups) return { userEntityRef, isPlatformAdmin: false };
    try {
      const info = await this.deps.userInfo.getUserInfo(user.credentials);
      return {
        userEntityRef,
        isPlatformAdmin: admins.isAdminByOwnership(info),
      };
    } catch (error) {
      this.deps.logger.warn(
        'Could not read the user info; treating the user as no platform admin',
        { userEntityRef, reason: String(error) },
      );
      return { userEntityRef, isPlatformAdmin: false };
    }
  }
}
