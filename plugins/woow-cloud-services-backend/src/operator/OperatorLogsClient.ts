import { ServiceUnavailableError } from '@backstage/errors';
import {
  releasePodsResponseSchema,
  type PodLogsQuery,
  type ReleasePodsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { mapError } from './OperatorClient';

/** Where the operator is and the token to call it with (OperatorClient.target). */
export type OperatorTarget = () => Promise<{ baseUrl: string; token: string }>;

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

const LIST_TIMEOUT_MS = 15_000;

function releasePath(namespace: string, name: string) {
  return `/releases/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;
}

async function errorOf(response: Response, what: string): Promise<Error> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    // Not JSON: the status code tells enough.
  }
  return mapError(response.status, body, what);
}

/**
 * Pods and streamed logs from the helm-operator, with the same target and
 * token as OperatorClient. The log body is handed on as a Node stream, never
 * buffered: lines reach the browser as the operator sends them.
 */
export class OperatorLogsClient implements OperatorLogsApi {
  constructor(private readonly target: OperatorTarget) {}

  async listPods(namespace: string, name: string) {
    const response = await this.fetch(
      `${releasePath(namespace, name)}/pods`,
      AbortSignal.timeout(LIST_TIMEOUT_MS),
      'listing pods',
    );
    if (!response.ok) throw await errorOf(response, 'listing pods');
    const parsed = releasePodsResponseSchema.safeParse(await response.json());
    if (!parsed.success) {
      throw new ServiceUnavailableError(
        'helm-operator listing pods: unexpected response',
      );
    }
    return parsed.data;
  }

  async openLog(
    namespace: string,
    name: string,
    query: PodLogsQuery,
    signal: AbortSignal,
  ): Promise<Readable> {
    const params = new URLSearchParams({ pod: query.pod });
    if (query.container) params.set('container', query.container);
    if (query.follow !== undefined) params.set('follow', String(query.follow));
    if (query.tailLines !== undefined)
      params.set('tailLines', String(query.tailLines));
    if (query.sinceSeconds !== undefined)
      params.set('sinceSeconds', String(query.sinceSeconds));
    if (query.timestamps !== undefined)
      params.set('timestamps', String(query.timestamps));
    const what = 'reading a log';
    const response = await this.fetch(
      `${releasePath(namespace, name)}/logs?${params}`,
      signal,
      what,
    );
    if (!response.ok) throw await errorOf(response, what);
    if (!response.body) return Readable.from([]);
    return Readable.fromWeb(response.body as unknown as WebReadableStream);
  }

  private async fetch(path: string, signal: AbortSignal, what: string) {
    const { baseUrl, token } = await this.target();
    try {
      return await fetch(`${baseUrl}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal,
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new ServiceUnavailableError(
        `helm-operator ${what}: ${
          timedOut ? 'no answer in time' : 'unreachable'
        }`,
      );
    }
  }
}
