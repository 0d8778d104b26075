import {
  fieldErrorsFromZod,
  fieldValidationError,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { Request } from 'express';
import type { z } from 'zod';

/** Parses request input; a mismatch is a 400 naming every field. */
export function parse<T extends z.ZodType>(
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input ?? {});
  if (!result.success)
    throw fieldValidationError(fieldErrorsFromZod(result.error));
  return result.data;
}

/**
 * The version a write was based on: the body's `version` (or `?version=`),
 * else the `If-Match` header (`"3"`, `W/"3"` or `3`).
 */
export function versionOf(
  req: Request,
  fromBody: number | undefined,
): number | undefined {
  if (fromBody !== undefined) return fromBody;
  const header = req.header('if-match');
  if (!header || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!match) {
    throw fieldValidationError([
      {
        field: 'If-Match',
        message: 'must be the version number you read, e.g. "3"',
      },
    ]);
  }
  return Number(match[1]);
}
