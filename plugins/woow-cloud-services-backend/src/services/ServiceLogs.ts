import {
  podLogsQuerySchema,
  serviceLogsReadPermission,
  type ReleasePodsResponse,
} from '@internal/backstage-plugin-woow-cloud-services-common';
import type { Readable } from 'node:stream';
import type { ServiceStore } from '../database/ServiceStore';
import type { OperatorLogsApi } from '../operator/OperatorLogsClient';
import { parse } from '../service/parse';
import type { AccessControl, UserCredentials } from './AccessControl';
import { loadService } from './serviceGuards';

/**
 * A service's pods and container logs, for members and up
 * (`woow.service.logs.read`): logs may print secrets, so viewers, who see
 * status and metrics, do not read them.
 */
export class ServiceLogs {
  constructor(
    private readonly deps: {
      services: ServiceStore;
      access: Pick<AccessControl, 'requireWorkspace'>;
      operator: OperatorLogsApi;
    },
  ) {}

  async pods(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<ReleasePodsResponse> {
    const release = await this.release(credentials, workspaceId, serviceId);
    return this.deps.operator.listPods(release.namespace, release.name);
  }

  /** Validates the query (400 naming the field), then opens the operator's stream. */
  async open(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
    rawQuery: unknown,
    signal: AbortSignal,
  ): Promise<Readable> {
    const query = parse(podLogsQuerySchema, rawQuery);
    const release = await this.release(credentials, workspaceId, serviceId);
    return this.deps.operator.openLog(
      release.namespace,
      release.name,
      query,
      signal,
    );
  }

  private async release(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ) {
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceLogsReadPermission,
    );
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    return { namespace: record.helmNamespace, name: record.helmReleaseName };
  }
}
