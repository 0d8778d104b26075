import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { subdomainSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { fetchSubdomainAvailability } from './requests';

/** The format rule broken, in words, or undefined when the subdomain is well formed. */
export function subdomainFormatProblem(subdomain: string): string | undefined {
  const result = subdomainSchema.safeParse(subdomain);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * Runs when the user presses Next: a malformed, reserved or taken subdomain
 * blocks the step. Asked of the backend again here, not taken from what
 * the field last showed, because someone else may have taken it since.
 */
export const validateSubdomain: CustomFieldValidator<string> = async (
  subdomain,
  validation,
  context,
) => {
  if (!subdomain) return;
  const problem = subdomainFormatProblem(subdomain);
  if (problem) {
    validation.addError(`${subdomain} ${problem}`);
    return;
  }
  const fetchApi = context.apiHolder.get(fetchApiRef);
  const discoveryApi = context.apiHolder.get(discoveryApiRef);
  if (!fetchApi || !discoveryApi) return;
  try {
    const availability = await fetchSubdomainAvailability(
      { fetchApi, discoveryApi },
      subdomain,
    );
    if (!availability.available) {
      validation.addError(
        `${subdomain} ${availability.reason ?? 'is not available'}`,
      );
    }
  } catch (error) {
    validation.addError(
      `Could not check ${subdomain}: ${(error as Error).message}`,
    );
  }
};
