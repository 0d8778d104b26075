import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApiClient,
  cloudServicesRoutes,
  type CloudServicesRoutes,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * The browser's ApiClient of the backend's route table: Backstage's fetch
 * API (which adds the user's token), the 30 s time limit unless told
 * otherwise, every answer checked against the shared schemas, and failed
 * answers kept as Backstage ResponseErrors, which the error panels show.
 */
export function createCloudServicesHttp(options: {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
  timeoutMs?: number;
  /** Default: the ResponseError of the answer. */
  toError?: (response: Response) => Promise<Error>;
}): ApiClient<CloudServicesRoutes> {
  const { discoveryApi, fetchApi, timeoutMs } = options;
  return new ApiClient(cloudServicesRoutes, {
    apiName: 'The Cloud Services backend',
    baseUrl: () => discoveryApi.getBaseUrl('woow-cloud-services'),
    fetch: (input, init) => fetchApi.fetch(input, init),
    timeoutMs: timeoutMs === undefined ? undefined : () => timeoutMs,
    toError:
      options.toError ?? (response => ResponseError.fromResponse(response)),
  });
}
