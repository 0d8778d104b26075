import { InputError } from '@backstage/errors';
import { z } from 'zod';

type Issue = z.core.$ZodIssue;

function describe(
  issues: readonly Issue[],
  base: PropertyKey[] = [],
): string[] {
  return issues.flatMap(issue => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length) {
      // Report the branch the input most likely meant: the fewest problems,
      // and unknown keys counting heavily (they mean "wrong shape").
      const rank = (branch: readonly Issue[]) =>
        branch.length +
        10 * branch.filter(i => i.code === 'unrecognized_keys').length;
      const best = [...issue.errors].sort((a, b) => rank(a) - rank(b))[0];
      return describe(best, path);
    }
    const where = path.length ? path.map(String).join('.') : 'body';
    return [`${where}: ${issue.message}`];
  });
}

/** Parses a request body with its wire schema; a failure is a 400 naming each field. */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  body: unknown,
): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new InputError(
      `Invalid request: ${describe(parsed.error.issues).join('; ')}`,
    );
  }
  return parsed.data;
}
