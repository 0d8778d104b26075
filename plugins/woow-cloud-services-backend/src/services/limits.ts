import { NotAllowedError } from '@backstage/errors';

/**
 * A configured limit was reached: a 403 whose message names the config key,
 * so a user knows what to ask the platform team for.
 */
export function limitReached(
  key: string,
  limit: number,
  what: string,
): NotAllowedError {
  return new NotAllowedError(
    `Limit reached (woowCloudServices.limits.${key} = ${limit}): ${what}`,
  );
}
