import {
  roleAllows,
  serviceBackupManagePermission,
  serviceCredentialsRevealPermission,
  serviceDeletePermission,
  serviceDeployPermission,
  workspaceManageMembersPermission,
  WORKSPACE_ROLE_RANK,
  workspaceRoleSchema,
  type WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

export interface WorkspaceCapabilities {
  role: WorkspaceRole;
  /** Launch, upgrade, roll back, rename, edit domains. */
  canDeploy: boolean;
  /** Delete services. */
  canDelete: boolean;
  /** Reveal a service's credentials (audited). */
  canRevealCredentials: boolean;
  /** Back up, restore, delete backups and set the backup schedule. */
  canManageBackups: boolean;
  /** Add and remove members, change their roles (owners excepted). */
  canManageMembers: boolean;
  /** Make someone owner, or change or remove an owner. */
  canManageOwners: boolean;
}

/**
 * What the caller may do in a workspace: the role each permission needs,
 * from the one table in -common the backend enforces; the UI hides what
 * would only fail. An unknown role is treated as the least powerful one.
 */
export function capabilitiesFor(role: WorkspaceRole | undefined) {
  const effective: WorkspaceRole = role ?? 'viewer';
  return {
    role: effective,
    canDeploy: roleAllows(effective, serviceDeployPermission),
    canDelete: roleAllows(effective, serviceDeletePermission),
    canRevealCredentials: roleAllows(
      effective,
      serviceCredentialsRevealPermission,
    ),
    canManageBackups: roleAllows(effective, serviceBackupManagePermission),
    canManageMembers: roleAllows(effective, workspaceManageMembersPermission),
    canManageOwners: effective === 'owner',
  } satisfies WorkspaceCapabilities;
}

export const ROLE_LABELS: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

/** What each role may do, in one line (shown where roles are chosen). */
export const ROLE_DESCRIPTIONS: Record<WorkspaceRole, string> = {
  owner: 'Everything, including making others owner',
  admin: 'Deploy, delete services, back up and restore, manage members',
  member: 'Deploy, upgrade and roll back services',
  viewer: 'See services, their status and history',
};

/** Roles from most to least powerful. */
export const ROLES_BY_RANK: WorkspaceRole[] = [
  ...workspaceRoleSchema.options,
].sort((a, b) => WORKSPACE_ROLE_RANK[b] - WORKSPACE_ROLE_RANK[a]);
