import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import { redactSecrets } from '../sanitize';

interface AuditedCall {
  eventId: string;
  severityLevel: AuditorServiceEventSeverityLevel;
  meta: JsonObject;
}

type JsonObject = NonNullable<AuditorServiceCreateEventOptions['meta']>;

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RELEASE = /^\/releases\/([^/]+)\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?\/?$/;
const RELEASE_ACTIONS: Record<
  string,
  Omit<AuditedCall, 'meta'> & { method: string }
> = {
  'PATCH ': {
    method: 'PATCH',
    eventId: 'release-upgrade',
    severityLevel: 'medium',
  },
  'DELETE ': {
    method: 'DELETE',
    eventId: 'release-uninstall',
    severityLevel: 'high',
  },
  'POST rollback': {
    method: 'POST',
    eventId: 'release-rollback',
    severityLevel: 'medium',
  },
  'POST recover': {
    method: 'POST',
    eventId: 'release-recover',
    severityLevel: 'medium',
  },
  'POST diff': {
    method: 'POST',
    eventId: 'release-diff',
    severityLevel: 'low',
  },
  'PUT ingress': {
    method: 'PUT',
    eventId: 'release-ingress-update',
    severityLevel: 'medium',
  },
  'POST backups': {
    method: 'POST',
    eventId: 'release-backup-create',
    severityLevel: 'medium',
  },
  'DELETE backups/': {
    method: 'DELETE',
    eventId: 'release-backup-delete',
    severityLevel: 'high',
  },
  'POST restores': {
    method: 'POST',
    eventId: 'release-backup-restore',
    severityLevel: 'high',
  },
};

/** Top-level keys of an object (value keys, never values). */
function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? Object.keys(value).sort()
    : [];
}

/** What a mutating request acts on, by route; a route not listed here still gets a generic event. */
export function auditedCallOf(req: express.Request): AuditedCall | undefined {
  if (!MUTATING.has(req.method)) return undefined;
  const body = (req.body ?? {}) as Record<string, any>;
  if (req.method === 'POST' && req.path === '/namespaces') {
    return {
      eventId: 'namespace-ensure',
      severityLevel: 'medium',
      meta: { workspaceId: String(body.workspaceId ?? '') },
    };
  }
  if (req.method === 'POST' && req.path === '/releases') {
    return {
      eventId: 'release-install',
      severityLevel: 'medium',
      meta: {
        namespace: String(body.namespace ?? ''),
        release: String(body.releaseName ?? ''),
        valueKeys: keysOf(body.values),
        ingress: Boolean(body.ingress),
      },
    };
  }
  const match = RELEASE.exec(req.path);
  if (match) {
    const [, namespace, release, action = '', item] = match;
    const known = RELEASE_ACTIONS[`${req.method} ${action}${item ? '/' : ''}`];
    const meta: JsonObject = {
      namespace: decodeURIComponent(namespace),
      release: decodeURIComponent(release),
    };
    if (known?.eventId === 'release-upgrade')
      meta.valueKeys = keysOf(body.values);
    if (known?.eventId === 'release-rollback')
      meta.toRevision = Number(body.revision) || null;
    if (known?.eventId === 'release-uninstall')
      meta.deleteData = req.query.deleteData === 'true';
    if (known?.eventId === 'release-backup-create')
      meta.backupId = String(body.id ?? '');
    if (known?.eventId === 'release-backup-delete')
      meta.backupId = decodeURIComponent(item!);
    if (known?.eventId === 'release-backup-restore')
      Object.assign(meta, {
        restoreId: String(body.id ?? ''),
        backupId: String(body.backupId ?? ''),
        sourceRelease: String(body.sourceRelease ?? release),
      });
    if (known) return { ...known, meta };
  }
  return {
    eventId: 'operator-request',
    severityLevel: 'medium',
    meta: { path: req.path },
  };
}

/** Every string in a request's values: redacted from any error message an event keeps. */
function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object')
    for (const inner of Object.values(value)) stringLeaves(inner, out);
  return out;
}

const ERROR_KEY = 'helmOperatorAuditError';

/**
 * Audits every mutating call of the operator's router as one event:
 * `initiated` when it comes in (after authentication and body parsing), then
 * `succeeded` or `failed` when the answer is sent. Two middlewares, mounted
 * around the routes, so that no route has to remember: `start` before them,
 * `recordError` after them (before the error responder).
 */
export function createOperatorAudit(auditor: AuditorService) {
  const start: express.RequestHandler = (req, res, next) => {
    const call = auditedCallOf(req);
    if (!call) {
      next();
      return;
    }
    auditor.createEvent({ ...call, request: req }).then(event => {
      const failed = (message: string, name = 'Error') => {
        const error = new Error(
          redactSecrets(message, stringLeaves(req.body?.values)),
        );
        error.name = name;
        delete error.stack;
        void event.fail({ error, meta: { status: res.statusCode } });
      };
      res.once('finish', () => {
        if (res.statusCode < 400) {
          void event.success({ meta: { status: res.statusCode } });
          return;
        }
        const cause = res.locals[ERROR_KEY] as Error | undefined;
        failed(cause?.message ?? `answered ${res.statusCode}`, cause?.name);
      });
      // The caller went away before the answer: the outcome is unknown to it.
      res.once('close', () => {
        if (!res.writableFinished)
          failed('the connection closed before the answer was sent');
      });
      next();
    }, next);
  };
  const recordError: express.ErrorRequestHandler = (error, _req, res, next) => {
    res.locals[ERROR_KEY] = error;
    next(error);
  };
  return { start, recordError };
}
