import {
  serviceCredentialsRevealPermission,
  WORKSPACE_PERMISSION_MIN_ROLE,
  WORKSPACE_ROLE_RANK,
  type WorkspaceRole,
} from '@internal/backstage-plugin-woow-cloud-services-common';

export interface WorkspaceCapabilities {
  role: WorkspaceRole;
  /** Launch, upgrade, roll back, rename, edit domains. */
  canDeploy: boolean;
  /** Delete services. */
  canDelete: boolean;
  /** Reveal a service's credentials (audited). */
  canRevealCredentials: boolean;
  /** Add and remove members, change their roles (owners excepted). */
  canManageMembers: boolean;
  /** Make someone owner, or change or remove an owner. */
  canManageOwners: boolean;
}

/**
 * What the caller may do in a workspace. The backend enforces the same
 * rules; the UI hides what would only fail. An unknown role is treated as
 * the least powerful one.
 */
export function capabilitiesFor(role: WorkspaceRole | undefined) {
  const effective: WorkspaceRole = role ?? 'viewer';
  const rank = WORKSPACE_ROLE_RANK[effective];
  return {
    role: effective,
    canDeploy: rank >= WORKSPACE_ROLE_RANK.member,
    canDelete: rank >= WORKSPACE_ROLE_RANK.admin,
    canRevealCredentials:
      rank >=
      WORKSPACE_ROLE_RANK[
        WORKSPACE_PERMISSION_MIN_ROLE[serviceCredentialsRevealPermission.name]
      ],
    canManageMembers: rank >= WORKSPACE_ROLE_RANK.admin,
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
  admin: 'Deploy, delete services and manage members',
  member: 'Deploy, upgrade and roll back services',
  viewer: 'See services, their status and history',
};

/** Roles from most to least powerful. */
export const ROLES_BY_RANK: WorkspaceRole[] = [
  'owner',
  'admin',
  'member',
  'viewer',
];
