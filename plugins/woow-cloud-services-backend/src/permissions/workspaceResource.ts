import type { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  serviceDeletePermission,
  serviceDeployPermission,
  templateManagePermission,
  WORKSPACE_RESOURCE_TYPE,
  hasRoleAtLeast,
  workspaceCreatePermission,
  workspaceManageMembersPermission,
  workspaceReadPermission,
  workspaceRoleSchema,
  type WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { z } from 'zod';
import type { WorkspaceStore } from '../database/WorkspaceStore';

/** What permission rules see of a workspace. */
export interface WorkspaceResource {
  id: string;
  members: Array<{ userRef: string; role: WorkspaceRole }>;
}

/** Criteria a conditional decision turns into (for filtering lists). */
export type WorkspaceQuery =
  | { property: 'member'; userRefs: string[]; minRole: WorkspaceRole }
  | { property: 'id'; values: string[] };

export const workspaceResourceRef = createPermissionResourceRef<
  WorkspaceResource,
  WorkspaceQuery
>().with({
  pluginId: 'woow-cloud-services',
  resourceType: WORKSPACE_RESOURCE_TYPE,
});

const isWorkspaceMember = createPermissionRule({
  name: 'IS_WORKSPACE_MEMBER',
  description:
    'Allow when one of the given users is a member of the workspace with at least the given role',
  resourceRef: workspaceResourceRef,
  paramsSchema: z.object({
    userRefs: z
      .array(z.string())
      .describe('User entity refs, e.g. the claims of the caller'),
    minRole: workspaceRoleSchema
      .optional()
      .describe('Lowest role that qualifies (default: viewer)'),
  }),
  apply: (resource, { userRefs, minRole }) =>
    resource.members.some(
      m =>
        userRefs.includes(m.userRef) &&
        hasRoleAtLeast(m.role, minRole ?? 'viewer'),
    ),
  toQuery: ({ userRefs, minRole }) => ({
    property: 'member',
    userRefs,
    minRole: minRole ?? 'viewer',
  }),
});

const hasWorkspaceId = createPermissionRule({
  name: 'HAS_WORKSPACE_ID',
  description: 'Allow for the listed workspaces only',
  resourceRef: workspaceResourceRef,
  paramsSchema: z.object({
    workspaceIds: z.array(z.string()).describe('Workspace ids'),
  }),
  apply: (resource, { workspaceIds }) => workspaceIds.includes(resource.id),
  toQuery: ({ workspaceIds }) => ({ property: 'id', values: workspaceIds }),
});

export const workspacePermissionRules = { isWorkspaceMember, hasWorkspaceId };

/** For permission policy authors: `workspaceConditions.isWorkspaceMember({...})`. */
export const {
  conditions: workspaceConditions,
  createConditionalDecision: createWorkspaceConditionalDecision,
} = createConditionExports({
  resourceRef: workspaceResourceRef,
  rules: workspacePermissionRules,
});

/**
 * Registers the permissions, the `woow-workspace` resource type and its
 * rules, so that conditional decisions of a policy can be evaluated (the
 * permission backend calls this plugin to apply them to workspaces).
 */
export function registerWorkspacePermissions(
  registry: PermissionsRegistryService,
  workspaces: WorkspaceStore,
): void {
  registry.addResourceType({
    resourceRef: workspaceResourceRef,
    permissions: [
      workspaceReadPermission,
      serviceDeployPermission,
      serviceDeletePermission,
      workspaceManageMembersPermission,
    ],
    rules: Object.values(workspacePermissionRules),
    getResources: async ids => {
      const members = await workspaces.listMembersOf(ids);
      const existing = await Promise.all(ids.map(id => workspaces.exists(id)));
      return ids.map((id, i) =>
        existing[i]
          ? {
              id,
              members: (members.get(id) ?? []).map(m => ({
                userRef: m.userRef,
                role: m.role,
              })),
            }
          : undefined,
      );
    },
  });
  registry.addPermissions([
    workspaceCreatePermission,
    templateManagePermission,
  ]);
}
