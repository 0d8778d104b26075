import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  backupScheduleResponseSchema,
  deleteAllBackupsResponseSchema,
  serviceBackupListResponseSchema,
  serviceBackupSchema,
  serviceRestoreSchema,
  type BackupScheduleInput,
  type RestoreBackupRequest,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useMemo } from 'react';
import type { z } from 'zod';

/** The design's limit: the frontend gives up on a request after 30 s. */
const TIMEOUT_MS = 30_000;

/**
 * The backup routes of a service (`.../backups`, `.../backup-schedule`),
 * through Backstage's fetch API (which adds the user's token), every answer
 * checked against the shared zod schemas; failures are ResponseErrors.
 */
export class BackupsClient {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  list(workspaceId: string, serviceId: string) {
    return this.call(
      'GET',
      this.path(workspaceId, serviceId, '/backups'),
      serviceBackupListResponseSchema,
    );
  }

  backUpNow(workspaceId: string, serviceId: string) {
    return this.call(
      'POST',
      this.path(workspaceId, serviceId, '/backups'),
      serviceBackupSchema,
    );
  }

  async remove(workspaceId: string, serviceId: string, backupId: string) {
    await this.call(
      'DELETE',
      this.path(workspaceId, serviceId, `/backups/${enc(backupId)}`),
    );
  }

  /** Every backup of the service (delete-service without keeping backups). */
  removeAll(workspaceId: string, serviceId: string) {
    return this.call(
      'DELETE',
      this.path(workspaceId, serviceId, '/backups'),
      deleteAllBackupsResponseSchema,
    );
  }

  restore(
    workspaceId: string,
    serviceId: string,
    backupId: string,
    request: RestoreBackupRequest,
  ) {
    return this.call(
      'POST',
      this.path(workspaceId, serviceId, `/backups/${enc(backupId)}/restore`),
      serviceRestoreSchema,
      request,
    );
  }

  getSchedule(workspaceId: string, serviceId: string) {
    return this.call(
      'GET',
      this.path(workspaceId, serviceId, '/backup-schedule'),
      backupScheduleResponseSchema,
    );
  }

  putSchedule(
    workspaceId: string,
    serviceId: string,
    schedule: BackupScheduleInput,
  ) {
    return this.call(
      'PUT',
      this.path(workspaceId, serviceId, '/backup-schedule'),
      backupScheduleResponseSchema,
      schedule,
    );
  }

  private path(workspaceId: string, serviceId: string, rest: string) {
    return `/workspaces/${enc(workspaceId)}/services/${enc(serviceId)}${rest}`;
  }

  private async call<T = void>(
    method: string,
    path: string,
    schema?: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('woow-cloud-services');
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      const response = await this.deps.fetchApi.fetch(`${base}${path}`, {
        method,
        headers:
          body === undefined
            ? undefined
            : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      if (!schema) return undefined as T;
      return schema.parse(await response.json());
    } finally {
      clearTimeout(timer);
    }
  }
}

function enc(value: string) {
  return encodeURIComponent(value);
}

/** A BackupsClient over the app's discovery and fetch APIs. */
export function useBackupsClient(): BackupsClient {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(
    () => new BackupsClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
}
