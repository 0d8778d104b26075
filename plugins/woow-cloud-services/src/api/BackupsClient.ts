import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/core-plugin-api';
import type {
  ApiClient,
  BackupScheduleInput,
  CloudServicesRoutes,
  RestoreBackupRequest,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useMemo } from 'react';
import { createCloudServicesHttp } from './cloudServicesHttp';

/**
 * The backup routes of a service (`.../backups`, `.../backup-schedule`),
 * through the shared client of the backend's route table: every answer
 * checked against the shared zod schemas; failures are ResponseErrors.
 */
export class BackupsClient {
  private readonly http: ApiClient<CloudServicesRoutes>;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = createCloudServicesHttp(deps);
  }

  list(workspaceId: string, serviceId: string) {
    return this.http.call('listServiceBackups', {
      params: { workspaceId, serviceId },
    });
  }

  backUpNow(workspaceId: string, serviceId: string) {
    return this.http.call('createServiceBackup', {
      params: { workspaceId, serviceId },
    });
  }

  async remove(workspaceId: string, serviceId: string, backupId: string) {
    await this.http.call('deleteServiceBackup', {
      params: { workspaceId, serviceId, backupId },
    });
  }

  restore(
    workspaceId: string,
    serviceId: string,
    backupId: string,
    request: RestoreBackupRequest,
  ) {
    return this.http.call('restoreServiceBackup', {
      params: { workspaceId, serviceId, backupId },
      body: request,
    });
  }

  getSchedule(workspaceId: string, serviceId: string) {
    return this.http.call('getBackupSchedule', {
      params: { workspaceId, serviceId },
    });
  }

  putSchedule(
    workspaceId: string,
    serviceId: string,
    schedule: BackupScheduleInput,
  ) {
    return this.http.call('putBackupSchedule', {
      params: { workspaceId, serviceId },
      body: schedule,
    });
  }
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
