// Adopting what exists: helm releases in workspace namespaces that no
// service record knows about (installed by hand, by another tool, or left
// behind), listed for platform admins, who may adopt one into its workspace
// as a service (GET/POST /admin/unmanaged-releases...).
import { z } from 'zod';
import { dnsLabelSchema } from './names';
import { helmReleaseStatusSchema, releaseNameSchema } from './operator';
import { serviceNameSchema, subdomainSchema } from './service';

/** The marketplace template whose chart name equals the release's chart. */
export const matchedTemplateSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
});
export type MatchedTemplate = z.infer<typeof matchedTemplateSchema>;

export const unmanagedReleaseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  /** The workspace the namespace belongs to (`paas-ws-{workspaceId}`). */
  workspaceId: z.string(),
  /** Whether that workspace exists in this portal (adoption needs it). */
  workspaceExists: z.boolean(),
  chart: z.string(),
  chartVersion: z.string(),
  appVersion: z.string(),
  status: helmReleaseStatusSchema,
  revision: z.number().int(),
  /** ISO 8601 */
  updated: z.string(),
  /** Matched by chart name among the active marketplace templates; null: none. */
  template: matchedTemplateSchema.nullable(),
  /** The service's reference ID if adopted: the release name after `{namespace}-`. */
  referenceId: z.string().nullable(),
  /** Whether POST .../adopt can take it as it is; `reason` says why not. */
  adoptable: z.boolean(),
  reason: z.string().optional(),
});
export type UnmanagedRelease = z.infer<typeof unmanagedReleaseSchema>;

/** A release a platform admin chose to leave alone (hidden from `items`). */
export const ignoredReleaseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  ignoredBy: z.string(),
  /** ISO 8601 */
  ignoredAt: z.string(),
});
export type IgnoredRelease = z.infer<typeof ignoredReleaseSchema>;

/** POST /admin/unmanaged-releases/ignore and .../unignore. */
export const releaseRefRequestSchema = z.strictObject({
  namespace: dnsLabelSchema,
  releaseName: releaseNameSchema,
});
export type ReleaseRefRequest = z.infer<typeof releaseRefRequestSchema>;

export const unmanagedReleaseListResponseSchema = z.object({
  items: z.array(unmanagedReleaseSchema),
  /** Unmanaged releases left alone, still there (not in `items`). */
  ignored: z.array(ignoredReleaseSchema),
  /** Workspace namespaces the operator could not read, with the reason. */
  unreadableNamespaces: z.array(
    z.object({ namespace: z.string(), reason: z.string() }),
  ),
});
export type UnmanagedReleaseListResponse = z.infer<
  typeof unmanagedReleaseListResponseSchema
>;

/**
 * POST /admin/unmanaged-releases/adopt. `workspaceId` must be the workspace
 * of the namespace; `templateId` defaults to the template matched by chart
 * name.
 */
export const adoptReleaseRequestSchema = z.strictObject({
  namespace: dnsLabelSchema,
  releaseName: releaseNameSchema,
  workspaceId: dnsLabelSchema,
  templateId: z.string().min(1).optional(),
  name: serviceNameSchema,
  subdomain: subdomainSchema,
});
export type AdoptReleaseRequest = z.infer<typeof adoptReleaseRequestSchema>;
