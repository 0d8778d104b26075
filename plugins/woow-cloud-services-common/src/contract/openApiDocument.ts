import { z } from 'zod';
import { operatorErrorResponseSchema } from '../schemas/operator';
import type { RouteContract, RouteTable } from './routes';

/** The document's `info` block. */
export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dropped, ...json } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return json;
}

/** The properties of an object schema (path parameters, query), as OpenAPI parameters. */
function parametersOf(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
): object[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input') as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

function successOf(route: RouteContract) {
  if (route.produces) {
    return {
      description: 'OK',
      content: { [route.produces]: { schema: { type: 'string' } } },
    };
  }
  if (!route.response) return { description: 'No content' };
  return {
    description: 'OK',
    content: {
      'application/json': { schema: jsonSchemaOf(route.response, 'output') },
    },
  };
}

function operationOf(operationId: string, route: RouteContract) {
  const headers = Object.entries(route.headers ?? {}).map(
    ([name, description]) => ({
      name,
      in: 'header',
      required: false,
      description,
      schema: { type: 'string' },
    }),
  );
  const parameters = [
    ...parametersOf(route.params, 'path'),
    ...parametersOf(route.query, 'query'),
    ...headers,
  ];
  return {
    operationId,
    summary: route.summary,
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: jsonSchemaOf(route.body, 'input') },
            },
          },
        }
      : {}),
    responses: {
      [String(route.status)]: successOf(route),
      default: { $ref: '#/components/responses/Error' },
    },
  };
}

/**
 * The OpenAPI 3.1 document of a route table: paths, parameters, bodies and
 * answers all come from the table's zod schemas, so it cannot drift from what
 * the router checks and the client parses.
 */
export function openApiDocumentOf(routes: RouteTable, info: OpenApiInfo) {
  const paths: Record<string, Record<string, object>> = {};
  for (const [operationId, route] of Object.entries(routes)) {
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = operationOf(
      operationId,
      route,
    );
  }
  return {
    openapi: '3.1.0',
    info: { ...info, license: { name: 'UNLICENSED' } },
    servers: [{ url: '/' }],
    paths,
    components: {
      responses: {
        Error: {
          description:
            'An error: { error: { name, message, fields? } } (fields name each invalid input and the rule it broke)',
          content: {
            'application/json': {
              schema: jsonSchemaOf(operatorErrorResponseSchema, 'output'),
            },
          },
        },
      },
    },
  };
}
