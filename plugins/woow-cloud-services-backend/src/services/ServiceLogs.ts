import {
  podLogsQuerySchema,
  serviceLogsReadPermission,
  type ReleasePodsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { NotFoundError } from '@backstage/errors';
import type { Readable } from 'node:stream';
import type { ServiceStore } from '../database/ServiceStore';
import type { OperatorLogsApi } from '../operator/OperatorLogsClient';
import { parse } from '../service/parse';
import type { AccessControl, UserCredentials } from './AccessControl';
import { loadService } from './serviceGuards';
import type { ServiceSecrets } from './serviceSecrets';

/** The most of a recent-lines read kept in memory (the rest is cut, oldest lines first). */
const MAX_RECENT_LOG_BYTES = 1024 * 1024;
/** A recent-lines read that has not ended by then is cut off. */
const RECENT_LOG_TIMEOUT_MS = 20_000;
const REDACTED = '***';

/** What `recent` reads: the last lines of one container, not a stream. */
export interface RecentLogsRequest {
  tailLines: number;
  /** The newest running pod (else the newest pod) when absent. */
  pod?: string;
  container?: string;
}

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
      /** When given, `recent` masks the service's password values in the lines. */
      secrets?: Pick<ServiceSecrets, 'open'>;
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

  /**
   * The last lines of a container's log as a whole answer (the actions
   * registry's read-service-logs): the same permission and query rules as
   * `open`, the stream read to its end, password values of the service
   * masked as "***".
   */
  async recent(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
    request: RecentLogsRequest,
  ): Promise<{ pod: string; lines: string[] }> {
    const record = await this.record(credentials, workspaceId, serviceId);
    const release = {
      namespace: record.helmNamespace,
      name: record.helmReleaseName,
    };
    const pod =
      request.pod ?? (await this.newestPod(release.namespace, release.name));
    const query = parse(podLogsQuerySchema, {
      pod,
      container: request.container,
      tailLines: request.tailLines,
    });
    const signal = AbortSignal.timeout(RECENT_LOG_TIMEOUT_MS);
    const body = await this.deps.operator.openLog(
      release.namespace,
      release.name,
      query,
      signal,
    );
    const text = await readCapped(body, MAX_RECENT_LOG_BYTES);
    const secrets = Object.values(this.deps.secrets?.open(record) ?? {})
      .map(String)
      .filter(value => value.length > 0);
    const whole = text.endsWith('\n') ? text.slice(0, -1) : text;
    const lines = whole === '' ? [] : whole.split('\n');
    return {
      pod,
      lines: lines.map(line =>
        secrets.reduce((l, value) => l.split(value).join(REDACTED), line),
      ),
    };
  }

  private async newestPod(namespace: string, name: string): Promise<string> {
    const { pods } = await this.deps.operator.listPods(namespace, name);
    const pod = pods.find(p => p.phase === 'Running') ?? pods[0];
    if (!pod) {
      throw new NotFoundError(
        'The service has no pods yet: read its status and try again once a pod exists',
      );
    }
    return pod.name;
  }

  private async release(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ) {
    const record = await this.record(credentials, workspaceId, serviceId);
    return { namespace: record.helmNamespace, name: record.helmReleaseName };
  }

  private async record(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ) {
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceLogsReadPermission,
    );
    return loadService(this.deps.services, workspaceId, serviceId);
  }
}

/** The stream's text; when longer than `maxBytes`, its last `maxBytes` (from a line start). */
async function readCapped(body: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  let cut = false;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    chunks.push(buffer);
    size += buffer.length;
    while (size > maxBytes && chunks.length > 1) {
      size -= chunks.shift()!.length;
      cut = true;
    }
  }
  let text = Buffer.concat(chunks).toString('utf8');
  if (cut || size > maxBytes) {
    text = text.slice(-maxBytes);
    text = text.slice(text.indexOf('\n') + 1);
  }
  return text;
}
