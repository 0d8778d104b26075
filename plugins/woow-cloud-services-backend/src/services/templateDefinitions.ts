import {
  allSpecs,
  findForbiddenKey,
  formatPath,
  FORBIDDEN_KEYS,
  planProblems,
  fieldErrorsFromZod,
  type ChartSourceAllowList,
  templateDefinitionSchema,
  validateUserValues,
  type FieldError,
  type TemplateDefinition,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { createHash } from 'node:crypto';
import { chartSourceProblem } from './chartSourcePolicy';

/**
 * Parses a template definition (from a marketplace file or the admin API):
 * no prototype keys anywhere, the schema, each spec's default value must
 * satisfy its own spec, and the chart must come from an allowed source.
 */
export function parseTemplateDefinition(
  input: unknown,
  chartSources: ChartSourceAllowList,
):
  | { ok: true; definition: TemplateDefinition }
  | { ok: false; errors: FieldError[] } {
  // Before zod, which would silently drop an own `__proto__` key.
  const forbidden = findForbiddenKey(input);
  if (forbidden) {
    return {
      ok: false,
      errors: [
        {
          field: formatPath(forbidden),
          message: `is not allowed (${FORBIDDEN_KEYS.join(
            ', ',
          )} are refused anywhere)`,
        },
      ],
    };
  }
  const parsed = templateDefinitionSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, errors: fieldErrorsFromZod(parsed.error) };
  const sourceProblem = chartSourceProblem(chartSources, parsed.data.helmChart);
  if (sourceProblem) return { ok: false, errors: [sourceProblem] };
  const specs = parsed.data.valueSpecs;
  const defaults = Object.fromEntries(
    allSpecs(specs)
      .filter(s => s.defaultValue !== undefined)
      .map(s => [s.key, s.defaultValue!]),
  );
  const errors = [
    ...validateUserValues(specs, defaults, { partial: true }).map(e => ({
      field: `valueSpecs.${e.field}.defaultValue`,
      message: e.message,
    })),
    ...planProblems(parsed.data),
  ];
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
