import { ServiceUnavailableError } from '@backstage/errors';
import {
  describeZodProblems,
  errorOfFailedCall,
  RequestTimeoutError,
  UnexpectedResponseError,
} from './callErrors';
import {
  pathWithParams,
  type RouteContract,
  type RouteInput,
  type RouteResponse,
  type RouteTable,
} from './routes';

/** The design's default time limit of one call. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

export interface ApiClientOptions<T extends RouteTable> {
  /** Names the API in error messages, e.g. `helm-operator`. */
  apiName: string;
  /** The API's base URL (discovery, or configuration). */
  baseUrl(): Promise<string>;
  /** Headers that prove who calls (`Authorization`), made per call. */
  authHeaders?(): Promise<Record<string, string>>;
  /** Backstage's fetchApi.fetch in the browser; the global fetch by default. */
  fetch?: typeof fetch;
  /** Time limit of a call, by operation (default 30 s). */
  timeoutMs?(operationId: keyof T & string): number;
  /**
   * A failed answer (body unread) as the error to throw. Default:
   * errorOfFailedCall; the frontend keeps Backstage's ResponseError, which
   * its error panels show.
   */
  toError?(response: Response): Promise<Error>;
}

/** Per-call extras a route reads besides params, query and body. */
export interface CallOptions {
  headers?: Record<string, string>;
  /** Ends the call early (the time limit still applies). */
  signal?: AbortSignal;
}

function searchOf(query: unknown): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(
    (query ?? {}) as Record<string, unknown>,
  )) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): the status tells enough.
    return undefined;
  }
}

/**
 * The one client of an API described by a route table: fills the path,
 * sends query and JSON body, applies the time limit, turns a failed answer
 * into an error (one mapping, errorOfFailedCall) and parses the answer with
 * the route's response schema, so a drifting server fails loudly here.
 */
export class ApiClient<T extends RouteTable> {
  constructor(
    private readonly routes: T,
    private readonly options: ApiClientOptions<T>,
  ) {}

  async call<K extends keyof T & string>(
    operationId: K,
    input: RouteInput<T[K]>,
    callOptions: CallOptions = {},
  ): Promise<RouteResponse<T[K]>> {
    const route: RouteContract = this.routes[operationId];
    const timeoutMs =
      this.options.timeoutMs?.(operationId) ?? DEFAULT_CALL_TIMEOUT_MS;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const forward = () => controller.abort();
    callOptions.signal?.addEventListener('abort', forward, { once: true });
    let data: unknown;
    let request: string;
    try {
      const sent = await this.send(
        operationId,
        input,
        callOptions,
        controller.signal,
        timeoutMs,
      );
      request = sent.request;
      data = await bodyOf(sent.response);
    } finally {
      clearTimeout(timer);
      callOptions.signal?.removeEventListener('abort', forward);
    }
    if (!route.response) return undefined as RouteResponse<T[K]>;
    const parsed = route.response.safeParse(data);
    if (!parsed.success) {
      const problems = describeZodProblems(parsed.error);
      throw new UnexpectedResponseError(
        `${this.options.apiName} sent an unexpected response to ${request} (${problems}). The client and server versions may not match.`,
      );
    }
    return parsed.data as RouteResponse<T[K]>;
  }

  /**
   * Opens a streaming route (`produces`): resolves with the response, body
   * unread, once the server answered 2xx. No time limit: aborting `signal`
   * ends the stream.
   */
  async open<K extends keyof T & string>(
    operationId: K,
    input: RouteInput<T[K]>,
    signal: AbortSignal,
  ): Promise<Response> {
    return (await this.send(operationId, input, {}, signal)).response;
  }

  private async send(
    operationId: keyof T & string,
    input: unknown,
    callOptions: CallOptions,
    signal: AbortSignal,
    timeoutMs?: number,
  ): Promise<{ response: Response; request: string }> {
    const route: RouteContract = this.routes[operationId];
    const { params, query, body } = input as {
      params?: Record<string, unknown>;
      query?: unknown;
      body?: unknown;
    };
    const path = pathWithParams(route, params);
    const request = `${route.method} ${path}`;
    const headers: Record<string, string> = {
      ...(await this.options.authHeaders?.()),
      ...callOptions.headers,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    };
    const baseUrl = await this.options.baseUrl();
    const attempt = () =>
      (this.options.fetch ?? fetch)(`${baseUrl}${path}${searchOf(query)}`, {
        method: route.method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    let response: Response;
    try {
      try {
        response = await attempt();
      } catch (error) {
        // A read whose connection broke before any answer (the replica
        // behind a Service died, a kept-alive connection closed under it) is
        // asked once more, on a new connection: reads change nothing.
        if (route.method !== 'GET' || signal.aborted) throw error;
        response = await attempt();
      }
    } catch (error) {
      const timedOut =
        signal.aborted &&
        timeoutMs !== undefined &&
        !callOptions.signal?.aborted;
      if (timedOut) {
        throw new RequestTimeoutError(
          `${this.options.apiName} did not answer within ${Math.round(
            timeoutMs / 1000,
          )} seconds (${request}). It may be busy or unreachable; try again in a moment.`,
        );
      }
      if (signal.aborted) throw error;
      throw new ServiceUnavailableError(
        `${this.options.apiName} is unreachable (${request})`,
      );
    }
    if (!response.ok) {
      throw this.options.toError
        ? await this.options.toError(response)
        : errorOfFailedCall({
            what: `${this.options.apiName} ${operationId}`,
            status: response.status,
            body: await bodyOf(response),
            headers: response.headers,
          });
    }
    return { response, request };
  }
}
