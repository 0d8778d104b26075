import { InputError, NotAllowedError } from '@backstage/errors';
import {
  FORBIDDEN_KEYS,
  findForbiddenKey,
  formatPath,
  WORKSPACE_ROLE_RANK,
  type WorkspaceRole,
} from '@internal/backstage-plugin-woow-cloud-services-common';
import type {
  CloudServicesUserApi,
  CloudServicesUserApiFactory,
} from '../CloudServicesUserClient';

/** What every woow:cloud-service:* action is built from. */
export interface CloudServiceActionDeps {
  /** A client acting as the given user. */
  apiFor: CloudServicesUserApiFactory;
  /** `app.baseUrl`, for absolute links to the service page. */
  appBaseUrl?: string;
  /** How often to look at a service while it settles (tests shorten it). */
  pollIntervalMs?: number;
}

/** Same rule as the backend's DNS label names (kept in JSON schema form for the action's input). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Refuses prototype keys anywhere in an action's input, top level included.
 * The scaffolder hands the handler its rendered input as is (checked against
 * the JSON schema only, which does not look at key names), and zod would
 * silently drop a top-level `__proto__` of a record: so the raw input is
 * checked here, before anything reads it.
 */
export function assertNoForbiddenKeys(input: unknown) {
  const path = findForbiddenKey(input);
  if (path) {
    throw new InputError(
      `Input ${formatPath(path)} is not allowed: ${FORBIDDEN_KEYS.join(
        ', ',
      )} are refused as keys anywhere`,
    );
  }
}

/**
 * Dry runs preview the workspace check the backend makes for real: a user
 * who may not deploy gets told before anything is created.
 */
export async function assertWorkspaceRole(
  api: CloudServicesUserApi,
  workspaceId: string,
  atLeast: WorkspaceRole,
) {
  const workspace = (await api.listMyWorkspaces()).find(
    w => w.id === workspaceId,
  );
  if (!workspace) {
    throw new InputError(`You are not a member of workspace ${workspaceId}`);
  }
  const role = workspace.myRole ?? 'viewer';
  if (WORKSPACE_ROLE_RANK[role] < WORKSPACE_ROLE_RANK[atLeast]) {
    throw new NotAllowedError(
      `Your role in workspace ${workspaceId} is ${role}; this needs ${atLeast} or higher`,
    );
  }
  return workspace;
}

/** The entity the catalog provider publishes for a service (src/catalog/serviceEntity.ts). */
export function serviceEntityRef(helmReleaseName: string) {
  return `resource:default/${helmReleaseName}`;
}
