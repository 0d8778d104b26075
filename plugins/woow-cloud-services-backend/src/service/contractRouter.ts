import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  describeZodProblems,
  expressPathOf,
  type ParsedRouteInput,
  type RouteResult,
  type RouteTable,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import express from 'express';
import { z } from 'zod';
import { createAuditedRoute, type AuditSpec } from './audit';
import { withHttpBoundary, type RequestLimits } from './httpBoundary';
import { parse } from './parse';

/** A route's handler: parsed input in, the answer's body out (the router sends it). */
export type ContractHandler<R extends RouteTable[string]> = (
  input: ParsedRouteInput<R>,
  req: express.Request,
  res: express.Response,
) => Promise<RouteResult<R>>;

/** The audit event of a route; `outcome` names what the call produced (ids, state). */
export interface RouteAudit<R extends RouteTable[string]> extends AuditSpec {
  outcome?: (result: RouteResult<R>) => JsonObject | void;
}

const noInput = z.object({});

/**
 * The answer as it goes on the wire, checked against the route's response
 * schema; off-contract is a bug of ours: a 500 whose reason (the paths and
 * rules broken, never the values) is logged by the HTTP boundary. Keys the
 * contract does not name are dropped, so no extra field leaks out.
 */
function onContract(
  operationId: string,
  schema: z.ZodType,
  result: unknown,
): unknown {
  const wire =
    result === undefined ? undefined : JSON.parse(JSON.stringify(result));
  const parsed = schema.safeParse(wire);
  if (parsed.success) return parsed.data;
  const problems = describeZodProblems(parsed.error, 5);
  throw new Error(`${operationId} answered off its contract (${problems})`);
}

/**
 * Registers handlers for routes of a route table (from -common): the path
 * and method come from the table; params, query and body are parsed with the
 * table's schemas before the handler runs (a 400 naming each field and the
 * rule it broke); the handler's answer is checked against the response
 * schema and sent with the table's status. Mutating routes pass their audit
 * event. `router` is ready to mount: the HTTP boundary (body limits, safe
 * errors) wraps it.
 */
export function createContractRouter<T extends RouteTable>(
  routes: T,
  options: {
    logger: LoggerService;
    auditor?: AuditorService;
    requestLimits?: RequestLimits;
  },
) {
  const inner = express.Router();
  const audited = options.auditor && createAuditedRoute(options.auditor);

  function handle<K extends keyof T & string>(
    operationId: K,
    handler: ContractHandler<T[K]>,
    audit?: RouteAudit<T[K]>,
  ): void {
    const route = routes[operationId];
    const run = async (req: express.Request, res: express.Response) => {
      const input = {
        params: parse(route.params ?? noInput, req.params),
        query: parse(route.query ?? noInput, req.query),
        body:
          route.body && !route.bodyParsedByHandler
            ? parse(route.body, req.body)
            : req.body,
      } as ParsedRouteInput<T[K]>;
      const result = await handler(input, req, res);
      if (route.produces) return undefined;
      if (route.response) {
        res
          .status(route.status)
          .json(onContract(operationId, route.response, result));
      } else {
        res.status(route.status).end();
      }
      return audit?.outcome?.(result);
    };
    let endpoint: express.RequestHandler;
    if (audit) {
      if (!audited) throw new Error(`${operationId}: audited, but no auditor`);
      endpoint = audited(audit, run);
    } else {
      endpoint = (req, res, next) => {
        run(req, res).catch(next);
      };
    }
    const method = route.method.toLowerCase() as Lowercase<typeof route.method>;
    inner[method](expressPathOf(route), endpoint);
  }

  return {
    handle,
    /** The routes inside the HTTP boundary (call after the last `handle`, or any time: express reads the stack per request). */
    router: withHttpBoundary(inner, options),
    /** The bare routes (to serve extra, non-contract paths beside them). */
    inner,
  };
}
