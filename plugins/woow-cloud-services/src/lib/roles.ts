import {
  WORKSPACE_ROLE_RANK,
  type WorkspaceRole,
} from '@internal/backstage-plugin-woow-cloud-services-common';

export interface WorkspaceCapabilities {
  role: WorkspaceRole;
  /** Launch, upgrade, roll back, rename, edit domains. */
  canDeploy: boolean;
  /** Delete services. */
  canDelete: boolean;
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
  } satisfies WorkspaceCapabilities;
}

export const ROLE_LABELS: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};
