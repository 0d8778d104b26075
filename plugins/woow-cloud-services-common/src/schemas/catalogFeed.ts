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
/** GET /catalog-feed/services: every live (not deleted) service of every workspace. */
export const catalogFeedServicesSchema = z.object({
  items: z.array(z.unknown()),
});

/** Items are parsed one by one, so one malformed row does not hide the others. */
export const feedItemSchemas = {
  template: appTemplateSchema,
  service: catalogFeedServiceSchema,
};
