import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  hasRoleAtLeast,
  minRoleFor,
  workspaceReadPermission,
  type WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { WorkspaceStore } from '../database/WorkspaceStore';

export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Who did it, for events: the user, and the service acting for them if any. */
export function actorOf(credentials: UserCredentials): string {
  const { userEntityRef, actor } = credentials.principal;
  return actor ? `${userEntityRef} (via ${actor.subject})` : userEntityRef;
}

/**
 * Workspace roles first (from workspace_members), then the permission
 * framework, so that a platform's policy can deny what a role allows.
 * Non-members get 404: they cannot tell a workspace exists.
 */
export class AccessControl {
  constructor(
    private readonly deps: {
      workspaces: WorkspaceStore;
      permissions: PermissionsService;
    },
  ) {}

  async requireWorkspace(
    credentials: UserCredentials,
    workspaceId: string,
    permission: ResourcePermission<'woow-workspace'>,
  ): Promise<{ userRef: string; role: WorkspaceRole }> {
    const userRef = credentials.principal.userEntityRef;
    const member = await this.deps.workspaces.getMember(workspaceId, userRef);
    if (!member) throw new NotFoundError(`Workspace ${workspaceId} not found`);
    const needed = minRoleFor(permission);
    if (!hasRoleAtLeast(member.role, needed)) {
      throw new NotAllowedError(
        `This needs the ${needed} role in workspace ${workspaceId}; you are ${member.role}`,
      );
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: workspaceId }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: the permission policy denies ${permission.name}`,
      );
    }
    return { userRef, role: member.role };
  }

  async requireBasic(
    credentials: UserCredentials,
    permission: BasicPermission,
  ): Promise<void> {
    const [decision] = await this.deps.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: the permission policy denies ${permission.name}`,
      );
    }
  }

  /** Whether the caller may use a basic permission (no throw). */
  async isAllowed(
    credentials: UserCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** The subset of workspace ids the policy lets the caller read. */
  async filterReadable(
    credentials: UserCredentials,
    workspaceIds: string[],
  ): Promise<Set<string>> {
    if (workspaceIds.length === 0) return new Set();
    const decisions = await this.deps.permissions.authorize(
      workspaceIds.map(id => ({
        permission: workspaceReadPermission,
        resourceRef: id,
      })),
      { credentials },
    );
    return new Set(
      workspaceIds.filter(
        (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
      ),
    );
  }
}
