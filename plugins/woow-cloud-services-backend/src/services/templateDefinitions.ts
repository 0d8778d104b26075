import {
  allSpecs,
  fieldErrorsFromZod,
  templateDefinitionSchema,
  validateUserValues,
  type FieldError,
  type TemplateDefinition,
} from '@internal/backstage-plugin-woow-cloud-services-common';
import { createHash } from 'node:crypto';

/**
 * Parses a template definition (from a marketplace file or the admin API):
 * the schema, plus each spec's default value must satisfy its own spec.
 */
export function parseTemplateDefinition(
  input: unknown,
):
  | { ok: true; definition: TemplateDefinition }
  | { ok: false; errors: FieldError[] } {
  const parsed = templateDefinitionSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, errors: fieldErrorsFromZod(parsed.error) };
  const specs = parsed.data.valueSpecs;
  const defaults = Object.fromEntries(
    allSpecs(specs)
      .filter(s => s.defaultValue !== undefined)
      .map(s => [s.key, s.defaultValue!]),
  );
  const errors = validateUserValues(specs, defaults, { partial: true }).map(
    e => ({
      field: `valueSpecs.${e.field}.defaultValue`,
      message: e.message,
    }),
  );
  return errors.length
    ? { ok: false, errors }
    : { ok: true, definition: parsed.data };
}

/** Stable hash of a definition: key order does not matter. */
export function definitionHash(definition: TemplateDefinition): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value as object)
          .sort()
          .map(k => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(definition)))
    .digest('hex');
}
