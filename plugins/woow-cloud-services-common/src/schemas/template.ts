import { z } from 'zod';
import { refuseForbiddenKeys } from '../safety/inputKeys';
import { connectionSpecSchema } from './connection';
import { DNS_LABEL_PATTERN } from './names';
import { planIdSchema, planSchema } from './plan';
import { valueSpecsSchema } from './valueSpec';

/** Marketplace categories (the spec's CloudAppTemplate.category). */
export const templateCategorySchema = z.enum([
  'ai_llm',
  'automation',
  'database',
  'analytics',
  'devops',
  'web',
  'container',
]);
export type TemplateCategory = z.infer<typeof templateCategorySchema>;

export const TEMPLATE_CATEGORY_LABELS: Record<TemplateCategory, string> = {
  ai_llm: 'AI & LLM',
  automation: 'Automation',
  database: 'Database',
  analytics: 'Analytics',
  devops: 'DevOps',
  web: 'Web',
  container: 'Container',
};

export const slugSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(DNS_LABEL_PATTERN, 'must be a lower-case slug');

/**
 * Where the chart comes from: an HTTP(S) Helm repository, an `oci://`
 * registry reference (then `chartName` is unused), or a chart from the
 * operator's configured local charts directory (`local:` repository).
 */
export const helmChartSpecSchema = z.object({
  repository: z
    .string()
    .min(1)
    .refine(
      v => /^(https?:\/\/|oci:\/\/|local:)/.test(v),
      'must start with https://, http://, oci:// or local:',
    ),
  chartName: z.string().min(1).max(120),
  chartVersion: z.string().min(1).max(60),
  defaultValues: z
    .record(z.string(), z.unknown())
    .superRefine(refuseForbiddenKeys)
    .default({}),
});
export type HelmChartSpec = z.infer<typeof helmChartSpecSchema>;

export const resourceSpecSchema = z.object({
  vcpu: z.number().positive(),
  ramGb: z.number().positive(),
  storageGb: z.number().nonnegative(),
});
export type ResourceSpec = z.infer<typeof resourceSpecSchema>;

/**
 * A marketplace application (the spec's CloudAppTemplate) as defined in a
 * `marketplace/*.yaml` file or through the admin API.
 */
export const templateDefinitionSchema = z.object({
  slug: slugSchema,
  name: z.string().min(1).max(80),
  description: z.string().min(1).max(160),
  fullDescription: z.string().max(5000).default(''),
  category: templateCategorySchema,
  tags: z.array(z.string().min(1).max(30)).max(12).default([]),
  monthlyPrice: z.number().nonnegative(),
  documentationUrl: z.string().url().optional(),
  iconUrl: z.string().min(1).optional(),
  helmChart: helmChartSpecSchema,
  valueSpecs: valueSpecsSchema,
  defaultPort: z.number().int().min(1).max(65535).default(80),
  ingressEnabled: z
    .boolean()
    .default(true)
    .describe(
      'Whether the app has a web UI: a subdomain is asked at launch, an Ingress makes the public URL and "Open Web UI" opens it. False for databases and other apps reached by port only.',
    ),
  connection: connectionSpecSchema.optional(),
  minResources: resourceSpecSchema,
  /** Sizes offered at launch; rules across fields: planProblems. */
  plans: z.array(planSchema).max(8).optional(),
  /** The plan a launch gets when it names none; required with plans. */
  defaultPlan: planIdSchema.optional(),
  isActive: z.boolean().default(true),
});
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;
export type TemplateDefinitionInput = z.input<typeof templateDefinitionSchema>;

/** A template as the API returns it. */
export const appTemplateSchema = templateDefinitionSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AppTemplate = z.infer<typeof appTemplateSchema>;

/** GET /templates query. */
export const templateListQuerySchema = z.object({
  category: templateCategorySchema.optional(),
  search: z.string().max(100).optional(),
  tags: z
    .string()
    .max(300)
    .optional()
    .transform(v =>
      v
        ? v
            .split(',')
            .map(t => t.trim())
            .filter(Boolean)
        : undefined,
    ),
  includeInactive: z
    .enum(['true', 'false'])
    .optional()
    .transform(v => v === 'true'),
});
export type TemplateListQuery = z.infer<typeof templateListQuerySchema>;

/** GET /templates response. */
export const templateListResponseSchema = z.object({
  items: z.array(appTemplateSchema),
});
export type TemplateListResponse = z.infer<typeof templateListResponseSchema>;

/** PUT /templates/:id: a whole definition plus the version the caller read (or If-Match). */
export const updateTemplateRequestSchema = templateDefinitionSchema.extend({
  version: z.number().int().optional(),
});
export type UpdateTemplateRequest = z.input<typeof updateTemplateRequestSchema>;

/** POST /templates/:id/deactivate body. */
export const deactivateTemplateRequestSchema = z.object({
  version: z.number().int().optional(),
});

// Plans are part of a template definition: exported with it.
export * from './plan';
