import {
  appTemplateSchema,
  cloudServiceSchema,
  userEntityRefSchema,
  type AppTemplate,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { z } from 'zod';

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

/**
 * What the catalog feed router reads from. The backend plugin implements it
 * over its stores and services; it is the only way to list across
 * workspaces, so it is only reachable with service credentials.
 */
export interface CatalogFeedSource {
  listActiveTemplates(): Promise<AppTemplate[]>;
  listServices(): Promise<CatalogFeedService[]>;
}
