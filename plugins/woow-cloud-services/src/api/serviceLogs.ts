import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  ApiClient,
  CloudServicesRoutes,
  PodLogsQueryInput,
  ReleasePodsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { createCloudServicesHttp } from './cloudServicesHttp';

/**
 * A service's pods and streamed container logs. Apart from CloudServicesApi
 * because the log is not JSON: it is read as it arrives (a ReadableStream,
 * ApiClient.open), through fetchApi so the Backstage token goes along.
 */
export class ServiceLogsClient {
  private readonly http: ApiClient<CloudServicesRoutes>;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = createCloudServicesHttp(deps);
  }

  listPods(
    workspaceId: string,
    serviceId: string,
  ): Promise<ReleasePodsResponse> {
    return this.http.call('listServicePods', {
      params: { workspaceId, serviceId },
    });
  }

  /** Resolves once the backend answered 200; the body then streams the log. */
  async openLog(
    workspaceId: string,
    serviceId: string,
    query: PodLogsQueryInput,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>> {
    const response = await this.http.open(
      'streamServicePodLogs',
      { params: { workspaceId, serviceId }, query },
      signal,
    );
    if (!response.body) throw new Error('The log response has no body');
    return response.body;
  }
}
