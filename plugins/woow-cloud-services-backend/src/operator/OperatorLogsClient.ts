import type {
  PodLogsQuery,
  ReleasePodsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { OperatorClient } from './OperatorClient';

/** The operator's pod and log endpoints. */
export interface OperatorLogsApi {
  listPods(namespace: string, name: string): Promise<ReleasePodsResponse>;
  /**
   * Opens one container's log; resolves once the operator answered 200, with
   * the body as it arrives (text/plain). Aborting `signal` ends it upstream.
   */
  openLog(
    namespace: string,
    name: string,
    query: PodLogsQuery,
    signal: AbortSignal,
  ): Promise<Readable>;
}

/** A parsed yes/no as the query sends it. */
function asQueryFlag(value: boolean | undefined) {
  if (value === undefined) return undefined;
  return value ? 'true' : 'false';
}

/**
 * Pods and streamed logs from the helm-operator, through OperatorClient's
 * ApiClient. The log body is handed on as a Node stream, never buffered:
 * lines reach the browser as the operator sends them.
 */
export class OperatorLogsClient implements OperatorLogsApi {
  constructor(private readonly client: OperatorClient) {}

  listPods(namespace: string, name: string) {
    return this.client.http.call('listReleasePods', {
      params: { namespace, name },
    });
  }

  async openLog(
    namespace: string,
    name: string,
    query: PodLogsQuery,
    signal: AbortSignal,
  ): Promise<Readable> {
    const response = await this.client.http.open(
      'streamReleaseLogs',
      {
        params: { namespace, name },
        query: {
          ...query,
          follow: asQueryFlag(query.follow),
          timestamps: asQueryFlag(query.timestamps),
        },
      },
      signal,
    );
    if (!response.body) return Readable.from([]);
    return Readable.fromWeb(response.body as unknown as WebReadableStream);
  }
}
