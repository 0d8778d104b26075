import { z } from 'zod';
import { isForbiddenKey, refuseForbiddenKeys } from '../safety/inputKeys';
import { patternProblem } from '../safety/valuePattern';
import { generatedSecretSpecSchema } from './generatedSecret';

/** Kinds of Helm value a user can set from the configuration form. */
export const valueSpecTypeSchema = z.enum([
  'text',
  'password',
  'number',
  'boolean',
  'select',
]);
export type ValueSpecType = z.infer<typeof valueSpecTypeSchema>;

/** A Helm value path such as `auth.postgresPassword` (dot-separated keys). */
export const helmValueKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/,
    'must be a dot-separated Helm value path such as "auth.password"',
  )
  .refine(
    key => !key.split('.').some(isForbiddenKey),
    'must not contain __proto__, constructor or prototype',
  );

/**
 * One user-configurable Helm value (the spec's HelmValueSpec), with min/max
 * bounds for numbers and a pattern for text.
 */
export const valueSpecSchema = z
  .object({
    key: helmValueKeySchema,
    label: z.string().min(1).max(120),
    type: valueSpecTypeSchema,
    required: z.boolean().default(false),
    defaultValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
    placeholder: z.string().max(200).optional(),
    helpText: z.string().max(500).optional(),
    options: z.array(z.string().min(1)).min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    pattern: z.string().max(500).optional(),
    patternDescription: z.string().max(200).optional(),
    immutable: z
      .boolean()
      .optional()
      .describe(
        'Fixed at launch (absent: false): settable when the app is deployed, shown read-only on the Configuration tab afterwards, and a change is refused (400). For values the cluster cannot change in place, such as the storage size of a StatefulSet volume claim template.',
      ),
    sensitive: z
      .boolean()
      .optional()
      .describe(
        'A secret such as an API key or token, on a text value (absent: false; always true for password values and generated secrets): encrypted at rest, returned by the API only as { isSet: true }, shown again only to workspace admins through the credentials reveal.',
      ),
    generate: generatedSecretSpecSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.type === 'select' && !spec.options) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a select value needs options',
      });
    }
    if (spec.type !== 'select' && spec.options) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'only select values take options',
      });
    }
    if (
      (spec.min !== undefined || spec.max !== undefined) &&
      spec.type !== 'number'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        message: 'min and max apply to number values only',
      });
    }
    if (
      spec.sensitive === true &&
      spec.type !== 'text' &&
      spec.type !== 'password'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['sensitive'],
        message: 'only text and password values can be sensitive',
      });
    }
    if (spec.sensitive === false && spec.type === 'password') {
      ctx.addIssue({
        code: 'custom',
        path: ['sensitive'],
        message: 'password values are always sensitive',
      });
    }
    if (spec.generate) {
      const problem = generatedSpecProblem(spec);
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['generate'], message: problem });
      }
    }
    if (spec.pattern !== undefined) {
      if (spec.type !== 'text' && spec.type !== 'password') {
        ctx.addIssue({
          code: 'custom',
          path: ['pattern'],
          message: 'pattern applies to text and password values only',
        });
      }
      const problem = patternProblem(spec.pattern);
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
      }
    }
  });
export type ValueSpec = z.infer<typeof valueSpecSchema>;

/** Why a spec cannot carry `generate` (undefined: it can). */
function generatedSpecProblem(spec: {
  type: string;
  required: boolean;
  defaultValue?: unknown;
  sensitive?: boolean;
}): string | undefined {
  if (spec.type !== 'text' && spec.type !== 'password') {
    return 'only text and password values can be generated';
  }
  if (spec.defaultValue !== undefined) {
    return 'a generated value takes no defaultValue (a fixed default would be shared by every service)';
  }
  if (spec.required) {
    return 'a generated value is always set: leave required out';
  }
  if (spec.sensitive === false) return 'a generated value is always sensitive';
  return undefined;
}

/** The spec's helm_value_specs: required values first, optional behind "Advanced". */
export const valueSpecsSchema = z
  .object({
    required: z.array(valueSpecSchema).default([]),
    optional: z.array(valueSpecSchema).default([]),
  })
  .superRefine((specs, ctx) => {
    const seen = new Set<string>();
    [...specs.required, ...specs.optional].forEach((spec, index) => {
      if (seen.has(spec.key)) {
        ctx.addIssue({
          code: 'custom',
          path: [index < specs.required.length ? 'required' : 'optional'],
          message: `duplicate value key "${spec.key}"`,
        });
      }
      seen.add(spec.key);
    });
  });
export type ValueSpecs = z.infer<typeof valueSpecsSchema>;

/** A value as users send it: flat, keyed by the spec's dotted key. */
export const userValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type UserValue = z.infer<typeof userValueSchema>;
export const userValuesSchema = z
  .record(z.string(), userValueSchema)
  .superRefine(refuseForbiddenKeys);
export type UserValues = z.infer<typeof userValuesSchema>;

/** What the API returns instead of a sensitive value (password, generated or `sensitive: true`). */
export const MASKED_SECRET = { isSet: true } as const;
export const maskedSecretSchema = z.object({ isSet: z.boolean() });
