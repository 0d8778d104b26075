import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  subdomainAvailabilitySchema,
  workspaceListResponseSchema,
  type SubdomainAvailability,
  type Workspace,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * The two reads the Scaffolder fields need, straight through fetchApi and
 * discoveryApi: field extensions load inside the Scaffolder's page, where
 * this plugin's own API client need not be installed.
 */
export interface FieldApis {
  fetchApi: FetchApi;
  discoveryApi: DiscoveryApi;
}

const TIMEOUT_MS = 30_000;

/** GET with the portal's 30 s limit, also ended early by the caller's signal. */
async function getJson(apis: FieldApis, path: string, signal?: AbortSignal) {
  const baseUrl = await apis.discoveryApi.getBaseUrl('woow-cloud-services');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  const forward = () => controller.abort();
  signal?.addEventListener('abort', forward, { once: true });
  try {
    const response = await apis.fetchApi.fetch(`${baseUrl}${path}`, {
      signal: controller.signal,
    });
    if (!response.ok) {
      // The backend says what went wrong in the body; that is what users need to read.
      const error = await ResponseError.fromResponse(response);
      throw new Error(error.body?.error?.message ?? error.message, {
        cause: error,
      });
    }
    return await response.json();
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

export async function fetchMyWorkspaces(apis: FieldApis): Promise<Workspace[]> {
  return workspaceListResponseSchema.parse(await getJson(apis, '/workspaces'))
    .items;
}

export async function fetchSubdomainAvailability(
  apis: FieldApis,
  subdomain: string,
  signal?: AbortSignal,
): Promise<SubdomainAvailability> {
  return subdomainAvailabilitySchema.parse(
    await getJson(
      apis,
      `/subdomains/${encodeURIComponent(subdomain)}/availability`,
      signal,
    ),
  );
}
