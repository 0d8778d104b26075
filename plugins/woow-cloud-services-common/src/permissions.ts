import {
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import { WORKSPACE_ROLE_RANK, type WorkspaceRole } from './schemas/workspace';

/** Resource type of permissions that act on one workspace. */
export const WORKSPACE_RESOURCE_TYPE = 'woow-workspace';

type WorkspacePermission = ResourcePermission<typeof WORKSPACE_RESOURCE_TYPE>;

/** Viewers and up: see the workspace, its services, metrics and activity. */
export const workspaceReadPermission: WorkspacePermission = createPermission({
  name: 'woow.workspace.read',
  attributes: { action: 'read' },
  resourceType: WORKSPACE_RESOURCE_TYPE,
});

/** Members and up: deploy, upgrade, roll back, rename, edit domains. */
export const serviceDeployPermission: WorkspacePermission = createPermission({
  name: 'woow.service.deploy',
  attributes: { action: 'update' },
  resourceType: WORKSPACE_RESOURCE_TYPE,
});

/**
 * Members and up: read a service's container logs. Viewers see status and
 * metrics only: logs may print connection strings, tokens and user data.
 */
export const serviceLogsReadPermission: WorkspacePermission = createPermission({
  name: 'woow.service.logs.read',
  attributes: { action: 'read' },
  resourceType: WORKSPACE_RESOURCE_TYPE,
});

/**
 * Admins and owners: reveal a service's credentials (the decrypted values
 * its template marks secret). Audited; members deploy with them but never
 * read them back.
 */
export const serviceCredentialsRevealPermission: WorkspacePermission =
  createPermission({
    name: 'woow.service.credentials.reveal',
    attributes: { action: 'read' },
    resourceType: WORKSPACE_RESOURCE_TYPE,
  });

/** Admins and owners: delete services. */
export const serviceDeletePermission: WorkspacePermission = createPermission({
  name: 'woow.service.delete',
  attributes: { action: 'delete' },
  resourceType: WORKSPACE_RESOURCE_TYPE,
});

/**
 * Admins and owners: back a service up, restore a backup (over the service
 * or as a new one), delete backups and set the backup schedule. Viewers and
 * up see the backups (workspaceReadPermission).
 */
export const serviceBackupManagePermission: WorkspacePermission =
  createPermission({
    name: 'woow.service.backup.manage',
    attributes: { action: 'update' },
    resourceType: WORKSPACE_RESOURCE_TYPE,
  });

/** Admins and owners: add, remove and change members. */
export const workspaceManageMembersPermission: WorkspacePermission =
  createPermission({
    name: 'woow.workspace.members.manage',
    attributes: { action: 'update' },
    resourceType: WORKSPACE_RESOURCE_TYPE,
  });

/** Anyone signed in may create a workspace (and becomes its owner). */
export const workspaceCreatePermission = createPermission({
  name: 'woow.workspace.create',
  attributes: { action: 'create' },
});

/** Marketplace administration: create, update and deactivate templates. */
export const templateManagePermission = createPermission({
  name: 'woow.template.manage',
  attributes: { action: 'update' },
});

/**
 * Platform administration: list the helm releases of workspace namespaces
 * that no service knows about, and adopt one into a workspace as a service.
 */
export const releaseAdoptPermission = createPermission({
  name: 'woow.release.adopt',
  attributes: { action: 'update' },
});

export const woowCloudServicesPermissions = [
  workspaceReadPermission,
  serviceDeployPermission,
  serviceLogsReadPermission,
  serviceCredentialsRevealPermission,
  serviceDeletePermission,
  serviceBackupManagePermission,
  workspaceManageMembersPermission,
  workspaceCreatePermission,
  templateManagePermission,
  releaseAdoptPermission,
];

/**
 * The least workspace role each workspace permission needs: the backend
 * checks it before asking the permission framework, and the shipped policy
 * answers with the same role as its condition.
 */
export const WORKSPACE_PERMISSION_MIN_ROLE: Record<string, WorkspaceRole> = {
  [workspaceReadPermission.name]: 'viewer',
  [serviceDeployPermission.name]: 'member',
  [serviceLogsReadPermission.name]: 'member',
  [serviceCredentialsRevealPermission.name]: 'admin',
  [serviceDeletePermission.name]: 'admin',
  [serviceBackupManagePermission.name]: 'admin',
  [workspaceManageMembersPermission.name]: 'admin',
};

/** Whether `role` is `least` or a more powerful role. */
export function hasRoleAtLeast(
  role: WorkspaceRole,
  least: WorkspaceRole,
): boolean {
  return WORKSPACE_ROLE_RANK[role] >= WORKSPACE_ROLE_RANK[least];
}

/**
 * The least role a workspace permission needs, from the table above; a
 * permission missing from it needs the owner.
 */
export function minRoleFor(permission: { name: string }): WorkspaceRole {
  return WORKSPACE_PERMISSION_MIN_ROLE[permission.name] ?? 'owner';
}

/**
 * Whether a member with `role` passes the role check of `permission` (the
 * permission policy may still deny). No role (not a member, or not known
 * yet) counts as the least powerful one.
 */
export function roleAllows(
  role: WorkspaceRole | undefined,
  permission: { name: string },
): boolean {
  return hasRoleAtLeast(role ?? 'viewer', minRoleFor(permission));
}
