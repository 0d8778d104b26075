import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { subdomainFormatProblem } from '../hooks/useSubdomainAvailability';
import { fetchSubdomainAvailability } from './requests';

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
