import { InputError } from '@backstage/errors';
import { z } from 'zod';
import type { FieldError } from './valueValidation';

/**
 * Field problems of a 400. Backstage's error handler serializes an error's
 * own properties, so the body is
 * `{ error: { name: 'InputError', message, fields: [{ field, message }] } }`.
 */
export const fieldErrorsSchema = z.array(
  z.object({ field: z.string(), message: z.string() }),
);

/** An InputError (400) that names each field and the rule it broke. */
export function fieldValidationError(fields: FieldError[]): InputError {
  const message = `Invalid input: ${fields
    .map(f => `${f.field} ${f.message}`)
    .join('; ')}`;
  return Object.assign(new InputError(message), { fields });
}

/** The zod issues of a failed parse as field errors (`a.b` paths). */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map(issue => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}
