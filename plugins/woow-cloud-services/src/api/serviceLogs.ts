import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  releasePodsResponseSchema,
  type PodLogsQueryInput,
  type ReleasePodsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * A service's pods and streamed container logs. Apart from CloudServicesApi
 * because the log is not JSON: it is read as it arrives (a ReadableStream),
 * through fetchApi so the Backstage token goes along.
 */
export class ServiceLogsClient {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listPods(
    workspaceId: string,
    serviceId: string,
  ): Promise<ReleasePodsResponse> {
    const response = await this.get(workspaceId, serviceId, 'pods');
    return releasePodsResponseSchema.parse(await response.json());
  }

  /** Resolves once the backend answered 200; the body then streams the log. */
  async openLog(
    workspaceId: string,
    serviceId: string,
    query: PodLogsQueryInput,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    const response = await this.get(
      workspaceId,
      serviceId,
      `pod-logs?${params}`,
      signal,
    );
    if (!response.body) throw new Error('The log response has no body');
    return response.body;
  }

  private async get(
    workspaceId: string,
    serviceId: string,
    path: string,
    signal?: AbortSignal,
  ) {
    const base = await this.deps.discoveryApi.getBaseUrl('woow-cloud-services');
    const response = await this.deps.fetchApi.fetch(
      `${base}/workspaces/${encodeURIComponent(
        workspaceId,
      )}/services/${encodeURIComponent(serviceId)}/${path}`,
      { signal },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}
