import { z } from 'zod';
import { cloudServiceSchema } from './service';
import { appTemplateSchema } from './template';
import { userEntityRefSchema } from './workspace';

/**
 * A service as the catalog feed sends it: the API's CloudService (secrets
 * masked) plus who owns it in catalog terms.
 */
export const catalogFeedServiceSchema = cloudServiceSchema.extend({
  /** The workspace's owner (its creator while they still own it), a user entity ref. */
  ownerRef: userEntityRefSchema,
  workspaceName: z.string().optional(),
});
export type CatalogFeedService = z.infer<typeof catalogFeedServiceSchema>;

/** GET /catalog-feed/templates: every active template. */
export const catalogFeedTemplatesSchema = z.object({
  items: z.array(z.unknown()),
});
/**
 * GET /catalog-feed/services query. Without `since`: every live service (a
 * full resync). With the `cursor` of an earlier answer: only the services
 * changed since then, and those deleted since then as tombstones.
 */
export const catalogFeedServicesQuerySchema = z.object({
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('The cursor of an earlier answer (an ISO 8601 timestamp)'),
});
export type CatalogFeedServicesQuery = z.infer<
  typeof catalogFeedServicesQuerySchema
>;

/** A service deleted since the cursor: enough to name its entity. */
export const catalogFeedTombstoneSchema = z.object({
  id: z.string(),
  helmReleaseName: z.string(),
});
export type CatalogFeedTombstone = z.infer<typeof catalogFeedTombstoneSchema>;

/**
 * GET /catalog-feed/services: the live services (all of them, or those
 * changed since the cursor), the deleted ones (with a cursor only), and the
 * cursor to ask with next time. Changes are read with some overlap, so an
 * item may come again unchanged: applying it twice is harmless.
 */
export const catalogFeedServicesSchema = z.object({
  items: z.array(z.unknown()),
  removed: z.array(catalogFeedTombstoneSchema),
  cursor: z.string(),
});
export type CatalogFeedServicesResponse = z.infer<
  typeof catalogFeedServicesSchema
>;

/** Items are parsed one by one, so one malformed row does not hide the others. */
export const feedItemSchemas = {
  template: appTemplateSchema,
  service: catalogFeedServiceSchema,
};
