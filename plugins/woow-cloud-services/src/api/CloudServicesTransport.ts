import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { RequestTimeoutError, UnexpectedResponseError } from './errors';

/** The design's frontend time limit: give up on any request after 30 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export type Query = Record<string, string | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
}

/** Anything with zod's `parse`: the shared schemas, or small adapters of them. */
export interface Parser<T> {
  parse(data: unknown): T;
}

/**
 * HTTP to the woow-cloud-services backend: Backstage's fetch API (which adds
 * the user's token), a time limit per request, ResponseErrors for error
 * statuses, and every answer checked against a schema.
 */
export class CloudServicesTransport {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly timeoutMs: number;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    timeoutMs?: number;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  get<T>(path: string, parser: Parser<T>, query?: Query) {
    return this.call('GET', path, parser, { query });
  }

  /** Sends a request and checks the answer against the shared schema. */
  async call<T>(
    method: string,
    path: string,
    parser: Parser<T>,
    options: RequestOptions = {},
  ): Promise<T> {
    const data = await this.send(method, path, options);
    try {
      return parser.parse(data);
    } catch (error) {
      const issues = (error as { issues?: unknown }).issues;
      if (Array.isArray(issues)) {
        throw new UnexpectedResponseError(method, path, issues);
      }
      throw error;
    }
  }

  /** Like `call`, for endpoints that may answer with an empty body. */
  async callOptional<T>(
    method: string,
    path: string,
    parser: Parser<T>,
    options: RequestOptions = {},
  ): Promise<T | undefined> {
    return this.call(
      method,
      path,
      { parse: d => (d === undefined ? undefined : parser.parse(d)) },
      options,
    );
  }

  /** Resolves to the parsed JSON body, or undefined for an empty one. */
  async send(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<unknown> {
    const baseUrl = await this.discoveryApi.getBaseUrl('woow-cloud-services');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) params.set(key, value);
    }
    const search = params.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.fetchApi.fetch(url, {
        method,
        signal: controller.signal,
        headers:
          options.body === undefined
            ? undefined
            : { 'Content-Type': 'application/json' },
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const text = await response.text();
      return text ? JSON.parse(text) : undefined;
    } catch (error) {
      if (controller.signal.aborted) {
        throw new RequestTimeoutError(method, path, this.timeoutMs);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
