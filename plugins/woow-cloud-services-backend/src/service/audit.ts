import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type express from 'express';

/** What one audited route records besides the actor (taken from the request's credentials). */
export interface AuditSpec {
  /** kebab-case name of the action, e.g. `service-delete`. */
  eventId: string;
  /** low: reads and checks; medium: changes; high: deletes and permission changes. */
  severityLevel: AuditorServiceEventSeverityLevel;
  /**
   * Extra target details known before the call. Never values: only names
   * (value keys, fields changed), ids and references.
   */
  meta?: (req: express.Request) => JsonObject;
}

/** A route handler that may return what the call produced (ids of created objects...). */
export type AuditedHandler = (
  req: express.Request,
  res: express.Response,
) => Promise<JsonObject | void>;

/** The path parameters that name what a call acts on. */
const TARGET_PARAMS = [
  'workspaceId',
  'serviceId',
  'templateId',
  'userRef',
] as const;

function targetOf(req: express.Request): JsonObject {
  const target: JsonObject = {};
  for (const key of TARGET_PARAMS) {
    const value = req.params?.[key];
    if (typeof value === 'string') target[key] = value;
  }
  return target;
}

/**
 * Error details an audit record keeps: the kind and the message (which our
 * errors write without values), no stack and no cause (a cause may quote
 * what a downstream system was sent).
 */
function auditableError(error: unknown): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(source.message);
  copy.name = source.name;
  delete copy.stack;
  return copy;
}

/** Top-level keys of an object in a request body, for `valueKeys`-style metadata. */
export function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? Object.keys(value).sort()
    : [];
}

/**
 * Runs one audited call: `initiated` before it runs, then `succeeded` (with
 * what `outcome` makes of the result) or `failed` (with the error, which is
 * thrown on). The HTTP routes (below) and the actions of the actions
 * registry (src/actions) both record their events through this.
 */
export async function runAudited<T>(
  auditor: AuditorService,
  options: AuditorServiceCreateEventOptions,
  call: () => Promise<T>,
  outcome?: (result: T) => JsonObject | void,
): Promise<T> {
  // Without credentials this throws: the call is refused the same way unaudited.
  const event = await auditor.createEvent(options);
  let result: T;
  try {
    result = await call();
  } catch (error) {
    await event.fail({ error: auditableError(error) });
    throw error;
  }
  const meta = outcome?.(result);
  await event.success(meta ? { meta } : undefined);
  return result;
}

/**
 * Wraps route handlers so that each call is one audit event (see
 * runAudited); an error still goes on to the error handler.
 */
export function createAuditedRoute(auditor: AuditorService) {
  return (spec: AuditSpec, handler: AuditedHandler): express.RequestHandler =>
    async (req, res, next) => {
      try {
        await runAudited(
          auditor,
          {
            eventId: spec.eventId,
            severityLevel: spec.severityLevel,
            request: req,
            meta: { ...targetOf(req), ...spec.meta?.(req) },
          },
          () => handler(req, res),
          result => result,
        );
      } catch (error) {
        next(error);
      }
    };
}
