import { InputError, NotAllowedError } from '@backstage/errors';
import {
  FORBIDDEN_KEYS,
  findForbiddenKey,
  formatPath,
  hasRoleAtLeast,
  minRoleFor,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
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
 * Dry runs preview the workspace check the backend makes for real (the role
 * the permission needs, from the one table in -common): a user who may not
 * deploy gets told before anything is created.
 */
export async function assertWorkspaceRole(
  api: CloudServicesUserApi,
  workspaceId: string,
  permission: { name: string },
) {
  const workspace = (await api.listMyWorkspaces()).find(
    w => w.id === workspaceId,
  );
  if (!workspace) {
    throw new InputError(`You are not a member of workspace ${workspaceId}`);
  }
  const role = workspace.myRole ?? 'viewer';
  const needed = minRoleFor(permission);
  if (!hasRoleAtLeast(role, needed)) {
    throw new NotAllowedError(
      `Your role in workspace ${workspaceId} is ${role}; this needs ${needed} or higher`,
    );
  }
  return workspace;
}

/** The entity the catalog provider publishes for a service (the catalog module's serviceEntity.ts). */
export function serviceEntityRef(helmReleaseName: string) {
  return `resource:default/${helmReleaseName}`;
}
