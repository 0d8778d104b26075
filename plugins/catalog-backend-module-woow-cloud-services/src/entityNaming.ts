import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';

/** Our annotations on generated entities. */
export const ANNOTATIONS = {
  templateId: 'woow.cloud/template-id',
  templateSlug: 'woow.cloud/template-slug',
  category: 'woow.cloud/category',
  iconUrl: 'woow.cloud/icon-url',
  chart: 'woow.cloud/chart',
  serviceId: 'woow.cloud/service-id',
  workspaceId: 'woow.cloud/workspace-id',
} as const;

export const PROVIDER_NAME = 'woow-cloud-services';

/** `spec.type` of service entities and of the templates that create them. */
export const CLOUD_SERVICE_TYPE = 'cloud-service';

/**
 * Entities of a provider still carry a location; a type of our own (not
 * `url:`) keeps the catalog and the Scaffolder from trying to read it.
 */
export function locationAnnotations(target: string): Record<string, string> {
  const location = `${PROVIDER_NAME}:${target}`;
  return {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
  };
}

/**
 * Catalog tags are lower-case words joined by single dashes, at most 63
 * characters; marketplace tags and categories (`ai_llm`, "Vector DB") are
 * free text, so they are folded into that shape, and dropped when nothing
 * is left.
 */
export function toCatalogTag(text: string): string | undefined {
  const tag = text
    .toLowerCase()
    .replace(/[^a-z0-9:+#]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return tag || undefined;
}

export function catalogTags(texts: string[]): string[] {
  const tags = texts.map(toCatalogTag).filter((t): t is string => !!t);
  return [...new Set(tags)];
}

export function isAbsoluteHttpUrl(value: string | undefined): value is string {
  return !!value && /^https?:\/\//i.test(value);
}
