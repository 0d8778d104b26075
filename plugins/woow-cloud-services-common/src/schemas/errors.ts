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

/**
 * Error names the helm-operator gives refusals that asking again will not
 * change, so that its callers show them at once instead of retrying (a plain
 * ConflictError from the operator, such as "another operation is in
 * progress", may clear by itself).
 */
export const OPERATOR_REFUSAL_ERRORS = {
  /** 422: the API server would refuse objects of the upgrade (dry run); nothing was applied. */
  upgradeRefused: 'UpgradeRefusedError',
  /** 409: "keep data" asked for a release whose volumes helm deletes on uninstall. */
  keepDataImpossible: 'KeepDataImpossibleError',
} as const;
