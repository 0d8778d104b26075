import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  fieldValidationError,
  TRANSITIONAL_STATES,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { ServiceRecord, ServiceStore } from '../database/ServiceStore';
import type { AccessControl, UserCredentials } from './AccessControl';

/** The live service, only when it belongs to that workspace (else 404). */
export async function loadService(
  store: ServiceStore,
  workspaceId: string,
  serviceId: string,
): Promise<ServiceRecord> {
  const record = await store.get(serviceId);
  if (!record || record.workspaceId !== workspaceId) {
    throw new NotFoundError(
      `Service ${serviceId} not found in workspace ${workspaceId}`,
    );
  }
  return record;
}

/** The service, after the caller's workspace role was checked for `permission` (404 when not a member). */
export async function loadPermittedService(
  deps: {
    services: ServiceStore;
    access: Pick<AccessControl, 'requireWorkspace'>;
  },
  credentials: UserCredentials,
  ids: { workspaceId: string; serviceId: string },
  permission: ResourcePermission<'woow-workspace'>,
): Promise<ServiceRecord> {
  await deps.access.requireWorkspace(credentials, ids.workspaceId, permission);
  return loadService(deps.services, ids.workspaceId, ids.serviceId);
}

/** Writes must say which version they read. */
export function requireVersion(version: number | undefined): number {
  if (version === undefined) {
    throw fieldValidationError([
      {
        field: 'version',
        message:
          'is required: send the version you read (body "version" or an If-Match header)',
      },
    ]);
  }
  return version;
}

export function assertFresh(record: ServiceRecord, version: number): void {
  if (record.version !== version) {
    throw new ConflictError(
      `The service was changed since you read it (version ${version}, now ${record.version}); reload it and try again`,
    );
  }
}

/** Helm and Ingress changes wait until the running operation settled. */
export function assertSettled(record: ServiceRecord, what: string): void {
  if (TRANSITIONAL_STATES.has(record.state)) {
    throw new ConflictError(
      `Cannot ${what} while the service is ${record.state.replace(
        '_',
        ' ',
      )}; wait until it finishes`,
    );
  }
}
