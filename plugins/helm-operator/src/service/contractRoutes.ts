import {
  expressPathOf,
  helmOperatorRoutes,
  type ParsedRouteInput,
  type RouteResult,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import express from 'express';
import { parseRequest } from './validation';

type Routes = typeof helmOperatorRoutes;

/** A route's handler: parsed input in, the answer's body out (sent with the route's status). */
export type OperatorRouteHandler<K extends keyof Routes> = (
  input: ParsedRouteInput<Routes[K]>,
  res: express.Response,
) => Promise<RouteResult<Routes[K]>>;

/**
 * Registers the operator's handlers from `helmOperatorRoutes` (-common), the
 * table the backend's client calls and the OpenAPI document is generated
 * from: method and path come from it; params, query and body are parsed
 * with its schemas before the handler runs (a 400 naming each field and the
 * rule it broke); the answer is checked against the response schema and
 * sent with the route's status. The fence still decides which namespaces
 * and names may be touched: the table only says they are strings.
 */
export function contractRoutes(router: express.Router) {
  return function on<K extends keyof Routes>(
    operationId: K,
    handler: OperatorRouteHandler<K>,
  ): void {
    const route = helmOperatorRoutes[operationId];
    const contract = route as {
      params?: Parameters<typeof parseRequest>[0];
      query?: Parameters<typeof parseRequest>[0];
      body?: Parameters<typeof parseRequest>[0];
      response?: Parameters<typeof parseRequest>[0];
      produces?: string;
    };
    const method = route.method.toLowerCase() as Lowercase<Routes[K]['method']>;
    router[method](expressPathOf(route), (req, res, next) => {
      const run = async () => {
        const input = {
          params: contract.params
            ? parseRequest(contract.params, req.params)
            : {},
          query: contract.query ? parseRequest(contract.query, req.query) : {},
          body: contract.body ? parseRequest(contract.body, req.body) : {},
        } as ParsedRouteInput<Routes[K]>;
        const result = await handler(input, res);
        // Streams (logs) write their own answer.
        if (contract.produces) return;
        if (contract.response) {
          // Checked against its wire schema: an answer off the contract is a bug, not output.
          res.status(route.status).json(contract.response.parse(result));
        } else {
          res.status(route.status).end();
        }
      };
      // Express 4 does not pass a rejected promise on.
      run().catch(next);
    });
  };
}
