import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route of an API: everything a router needs to check a request and its
 * answer, a client needs to make the call, and the OpenAPI document says.
 * Paths use OpenAPI's `{param}` syntax and are relative to the plugin's base URL.
 */
export interface RouteContract {
  method: HttpMethod;
  path: string;
  summary: string;
  /** Path parameters, each a string schema. */
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Success status. */
  status: number;
  /** The JSON body of the success answer; absent: no body (or a text stream, see `produces`). */
  response?: z.ZodType;
  /** A non-JSON success answer (log streams); the shared client does not call these. */
  produces?: 'text/plain';
  /**
   * The handler parses the body itself, with `body` and rules that need
   * stored data (a template's value specs), so that one 400 names every
   * field; the router hands it the body as sent.
   */
  bodyParsedByHandler?: true;
  /** Request headers the route reads besides the body (documented only). */
  headers?: Record<string, string>;
}

export type RouteTable = Record<string, RouteContract>;

/** Checks a route table's shape while keeping each route's literal type. */
export function defineRoutes<const T extends RouteTable>(routes: T): T {
  return routes;
}

type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a caller sends: the inputs the route declares (all keys optional when it declares none). */
export type RouteInput<R extends RouteContract> = {
  [K in 'params' | 'query' | 'body' as R[K] extends z.ZodType
    ? K
    : never]: InputOf<R[K]>;
} & {
  [K in 'params' | 'query' | 'body' as R[K] extends z.ZodType
    ? never
    : K]?: undefined;
};

/** What a handler receives: the parsed inputs. */
export type ParsedRouteInput<R extends RouteContract> = {
  params: R['params'] extends z.ZodType ? z.output<R['params']> : {};
  query: R['query'] extends z.ZodType ? z.output<R['query']> : {};
  body: R['bodyParsedByHandler'] extends true
    ? unknown
    : R['body'] extends z.ZodType
    ? z.output<R['body']>
    : undefined;
};

/** What a handler returns (the response schema's input) and what a caller gets (its output). */
export type RouteResult<R extends RouteContract> =
  R['response'] extends z.ZodType ? z.input<R['response']> : void;
export type RouteResponse<R extends RouteContract> =
  R['response'] extends z.ZodType ? z.output<R['response']> : void;

/** `/a/{b}` as express writes it: `/a/:b`. */
export function expressPathOf(route: Pick<RouteContract, 'path'>): string {
  return route.path.replace(/\{(\w+)\}/g, ':$1');
}

/** The route's path with its parameters filled in (URL-encoded). */
export function pathWithParams(
  route: Pick<RouteContract, 'path'>,
  params: Record<string, unknown> = {},
): string {
  return route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      throw new TypeError(
        `${route.path}: the path parameter ${name} is missing`,
      );
    }
    return encodeURIComponent(String(value));
  });
}
