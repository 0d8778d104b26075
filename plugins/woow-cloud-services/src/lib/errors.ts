import { ResponseError } from '@backstage/errors';
import {
  fieldErrorsSchema,
  type FieldError,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * The field problems of a 400, as the backend sends them
 * (`{ error: { name: 'InputError', message, fields } }`); empty for any
 * other error.
 */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!ResponseError.is(error) || error.statusCode !== 400) return [];
  const candidates = [
    (error.body.error as { fields?: unknown } | undefined)?.fields,
    (error.cause as { fields?: unknown } | undefined)?.fields,
  ];
  for (const candidate of candidates) {
    const parsed = fieldErrorsSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return [];
}

export function isConflict(error: unknown): boolean {
  return ResponseError.is(error) && error.statusCode === 409;
}

/** The most useful sentence about an error: the server's, when it sent one. */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause?.message || error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Sorts field errors onto the form's own fields. Helm value errors may be
 * named by their dotted key (`auth.password`) or by their body path
 * (`helmValues.auth.password`); both land on the value. Errors of fields
 * the form does not show are returned in `other` so they are not lost.
 */
export function mapFieldErrors(
  errors: FieldError[],
  formFields: string[],
  valueKeys: string[],
): {
  fields: Record<string, string>;
  values: Record<string, string>;
  other: FieldError[];
} {
  const fields: Record<string, string> = {};
  const values: Record<string, string> = {};
  const other: FieldError[] = [];
  for (const error of errors) {
    const key = error.field.replace(/^helmValues\./, '');
    if (formFields.includes(error.field)) {
      fields[error.field] = error.message;
    } else if (valueKeys.includes(key)) {
      values[key] = error.message;
    } else {
      other.push(error);
    }
  }
  return { fields, values, other };
}
