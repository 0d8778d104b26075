import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import { runAudited } from '../service/audit';
import { actorOf, type UserCredentials } from '../services/AccessControl';
import type { Marketplace } from '../services/Marketplace';
import type { ServiceLifecycle } from '../services/ServiceLifecycle';
import type { ServiceLogs } from '../services/ServiceLogs';
import type { ServiceUpdater } from '../services/ServiceUpdater';
import type { ServiceViews } from '../services/ServiceViews';
import type { WorkspaceService } from '../services/WorkspaceService';

/** What the actions call: the same services the HTTP routers call. */
export interface CloudServicesActionDeps {
  actionsRegistry: ActionsRegistryService;
  auditor: AuditorService;
  marketplace: Marketplace;
  workspaces: WorkspaceService;
  views: ServiceViews;
  lifecycle: ServiceLifecycle;
  updater: ServiceUpdater;
  logs: ServiceLogs;
}

/**
 * The caller as a user, as the HTTP API requires (`allow: ['user']`): an
 * agent acts with the credentials of the user it runs for, so workspace
 * roles and the permission policy decide exactly as for that user.
 */
export function requireUser(
  credentials: BackstageCredentials,
): UserCredentials {
  const principal = credentials.principal as { type?: string };
  if (principal.type !== 'user') {
    throw new NotAllowedError(
      'Woow Cloud Services actions act for a signed-in user: call them with a user token, not a service token',
    );
  }
  return credentials as UserCredentials;
}

/** What one mutating action records, as its HTTP route would. */
export interface ActionAuditSpec {
  /** The event id of the HTTP route doing the same (e.g. `service-create`). */
  eventId: string;
  severityLevel: AuditorServiceEventSeverityLevel;
  /** The action's name in the registry. */
  action: string;
  credentials: UserCredentials;
  /** Target ids and names only, never values. */
  meta: JsonObject;
}

/**
 * Runs a mutating action as one audit event (runAudited, like the routes).
 * There is no request to take the actor from, so the meta names the user
 * (and the plugin acting for them, e.g. the MCP server) and the action.
 */
export function auditedAction<T>(
  auditor: AuditorService,
  spec: ActionAuditSpec,
  call: () => Promise<T>,
  outcome: (result: T) => JsonObject,
): Promise<T> {
  return runAudited(
    auditor,
    {
      eventId: spec.eventId,
      severityLevel: spec.severityLevel,
      meta: {
        ...spec.meta,
        actor: actorOf(spec.credentials),
        via: `action ${spec.action}`,
      },
    },
    call,
    outcome,
  );
}
