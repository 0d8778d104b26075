import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  SubdomainAvailability,
  Workspace,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { createCloudServicesHttp } from '../api/cloudServicesHttp';

/**
 * The two reads the Scaffolder fields need, straight through fetchApi and
 * discoveryApi: field extensions load inside the Scaffolder's page, where
 * this plugin's own API client need not be installed.
 */
export interface FieldApis {
  fetchApi: FetchApi;
  discoveryApi: DiscoveryApi;
}

/** The backend says what went wrong in the body; that is what users need to read. */
async function messageOfFailure(response: Response): Promise<Error> {
  const error = await ResponseError.fromResponse(response);
  return new Error(error.body?.error?.message ?? error.message, {
    cause: error,
  });
}

const httpOf = (apis: FieldApis) =>
  createCloudServicesHttp({ ...apis, toError: messageOfFailure });

export async function fetchMyWorkspaces(apis: FieldApis): Promise<Workspace[]> {
  return (await httpOf(apis).call('listWorkspaces', {})).items;
}

export async function fetchSubdomainAvailability(
  apis: FieldApis,
  subdomain: string,
  signal?: AbortSignal,
): Promise<SubdomainAvailability> {
  return httpOf(apis).call(
    'getSubdomainAvailability',
    { params: { subdomain } },
    { signal },
  );
}
