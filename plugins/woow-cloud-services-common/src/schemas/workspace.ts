import { z } from 'zod';
import { workspaceQuotaLeftSchema } from './quotaLeft';
import { DNS_LABEL_PATTERN } from './names';

export const workspaceRoleSchema = z.enum([
  'owner',
  'admin',
  'member',
  'viewer',
]);
export type WorkspaceRole = z.infer<typeof workspaceRoleSchema>;

/** Roles from most to least powerful. */
export const WORKSPACE_ROLE_RANK: Record<WorkspaceRole, number> = {
  owner: 4,
  admin: 3,
  member: 2,
  viewer: 1,
};

/**
 * Workspace ids are short DNS labels: they become part of the namespace
 * `paas-ws-{id}` and of every release name (max 53 characters).
 */
export const workspaceIdSchema = z
  .string()
  .min(1)
  .max(20)
  .regex(DNS_LABEL_PATTERN, 'must be a lower-case DNS label');

export const userEntityRefSchema = z
  .string()
  .regex(
    /^user:[^/\s]+\/[^\s]+$/,
    'must be a user entity ref such as user:default/jane',
  );

export const workspaceSchema = z.object({
  id: workspaceIdSchema,
  name: z.string(),
  description: z.string(),
  namespace: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
  /** The caller's role in this workspace. */
  myRole: workspaceRoleSchema.optional(),
  serviceCount: z.number().int().optional(),
  /**
   * What the workspace's ResourceQuota has left for launches (GET of one
   * workspace only); null when the operator could not say.
   */
  quota: workspaceQuotaLeftSchema.nullable().optional(),
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const createWorkspaceRequestSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(80),
  description: z.string().max(500).default(''),
  /** Optional explicit id; generated from the name when absent. */
  id: workspaceIdSchema.optional(),
});
export type CreateWorkspaceRequest = z.input<
  typeof createWorkspaceRequestSchema
>;

export const workspaceMemberSchema = z.object({
  userRef: userEntityRefSchema,
  role: workspaceRoleSchema,
  addedAt: z.string(),
  addedBy: z.string(),
});
export type WorkspaceMember = z.infer<typeof workspaceMemberSchema>;

export const addMemberRequestSchema = z.object({
  userRef: userEntityRefSchema,
  role: workspaceRoleSchema,
});
export type AddMemberRequest = z.infer<typeof addMemberRequestSchema>;

export const changeMemberRoleRequestSchema = z.object({
  role: workspaceRoleSchema,
});

/** GET /workspaces response: the caller's workspaces, each with myRole and serviceCount. */
export const workspaceListResponseSchema = z.object({
  items: z.array(workspaceSchema),
});
export type WorkspaceListResponse = z.infer<typeof workspaceListResponseSchema>;

/** GET /workspaces/:workspaceId/members response. */
export const workspaceMemberListResponseSchema = z.object({
  items: z.array(workspaceMemberSchema),
});
export type WorkspaceMemberListResponse = z.infer<
  typeof workspaceMemberListResponseSchema
>;

/**
 * GET /permission-feed/memberships?userRef= (service principals only): the
 * workspaces one user belongs to, for permission policies deciding what the
 * user may see outside this plugin (catalog entities of deployed services).
 */
export const workspaceMembershipsResponseSchema = z.object({
  items: z.array(
    z.object({ workspaceId: workspaceIdSchema, role: workspaceRoleSchema }),
  ),
});
export type WorkspaceMembershipsResponse = z.infer<
  typeof workspaceMembershipsResponseSchema
>;

// The quota left is part of a workspace's answer: exported with it.
export * from './quotaLeft';
