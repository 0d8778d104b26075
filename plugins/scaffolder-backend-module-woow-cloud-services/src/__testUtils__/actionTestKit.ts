import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import type {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import type {
  AppTemplate,
  CloudService,
  CreateServiceRequest,
  ServiceState,
  UpdateServiceRequest,
  Workspace,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { makeService } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import type { CloudServicesUserApi } from '../CloudServicesUserClient';

/**
 * An in-memory Cloud Services backend for action tests: it records what
 * the actions send and plays a scripted sequence of states on each read.
 */
export class FakeCloudServicesApi implements CloudServicesUserApi {
  templates: AppTemplate[] = [];
  workspaces: Workspace[] = [];
  services = new Map<string, CloudService>();
  takenSubdomains = new Set<string>();
  /** States a service goes through on the reads after a write (last one sticks). */
  script: ServiceState[] = ['deploying', 'running'];
  calls: Array<{ method: string; args: unknown[] }> = [];

  private record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args: structuredClone(args) });
  }

  callsTo(method: string) {
    return this.calls.filter(c => c.method === method);
  }

  async getTemplate(idOrSlug: string) {
    this.record('getTemplate', idOrSlug);
    const t = this.templates.find(
      x => x.id === idOrSlug || x.slug === idOrSlug,
    );
    if (!t) throw new NotFoundError(`Template ${idOrSlug} not found`);
    return t;
  }

  async listMyWorkspaces() {
    this.record('listMyWorkspaces');
    return this.workspaces;
  }

  async checkSubdomain(subdomain: string) {
    this.record('checkSubdomain', subdomain);
    const taken = this.takenSubdomains.has(subdomain);
    return {
      subdomain,
      available: !taken,
      ...(taken ? { reason: 'is taken' } : {}),
      fqdn: `${subdomain}.woowtech.test`,
    };
  }

  async createService(workspaceId: string, body: CreateServiceRequest) {
    this.record('createService', workspaceId, body);
    const service = makeService({
      id: `svc-${this.services.size + 1}`,
      workspaceId,
      name: body.name,
      subdomain: body.subdomain,
      state: 'pending',
      publicUrl: `https://${body.subdomain}.woowtech.test`,
    });
    this.services.set(service.id, service);
    return service;
  }

  private step(service: CloudService): CloudService {
    const state =
      this.script.length > 1 ? this.script.shift()! : this.script[0];
    const next = {
      ...service,
      state,
      errorMessage: state === 'error' ? 'helm install failed: timed out' : null,
    };
    this.services.set(service.id, next);
    return next;
  }

  async getService(workspaceId: string, serviceId: string) {
    this.record('getService', workspaceId, serviceId);
    const service = this.services.get(serviceId);
    if (!service || service.workspaceId !== workspaceId) {
      throw new NotFoundError(`Service ${serviceId} not found`);
    }
    const next = this.step(service);
    // 'gone' stands for the row the backend removes once uninstalled.
    if ((next.state as string) === 'gone') {
      this.services.delete(serviceId);
      throw new NotFoundError(`Service ${serviceId} not found`);
    }
    return next;
  }

  async updateService(
    workspaceId: string,
    serviceId: string,
    body: UpdateServiceRequest,
  ) {
    this.record('updateService', workspaceId, serviceId, body);
    const service = this.services.get(serviceId)!;
    const next = {
      ...service,
      state: 'upgrading' as const,
      helmRevision: service.helmRevision + 1,
    };
    this.services.set(serviceId, next);
    return { ...next, droppedValues: [] };
  }

  async rollbackService(
    workspaceId: string,
    serviceId: string,
    body: { revision: number; version?: number },
  ) {
    this.record('rollbackService', workspaceId, serviceId, body);
    const service = this.services.get(serviceId)!;
    const next = {
      ...service,
      state: 'rolling_back' as const,
      helmRevision: service.helmRevision + 1,
    };
    this.services.set(serviceId, next);
    return next;
  }

  async deleteService(
    workspaceId: string,
    serviceId: string,
    options: { deleteData: boolean; version?: number },
  ) {
    this.record('deleteService', workspaceId, serviceId, options);
    const service = this.services.get(serviceId)!;
    this.services.set(serviceId, { ...service, state: 'deleting' });
    this.script = ['deleting', 'gone' as ServiceState];
  }
}

export interface TestRun {
  output: Record<string, unknown>;
  /** Every log line the action wrote, with its fields. */
  log: string[];
}

/** Runs an action's handler the way the scaffolder's workflow runner does. */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: JsonObject,
  options: {
    secrets?: Record<string, string>;
    isDryRun?: boolean;
    credentials?: BackstageCredentials;
  } = {},
): Promise<TestRun> {
  const run: TestRun = { output: {}, log: [] };
  const logLine = (level: string) => (message: string, meta?: unknown) =>
    run.log.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
  const logger: any = {
    info: logLine('info'),
    warn: logLine('warn'),
    error: logLine('error'),
    debug: logLine('debug'),
  };
  logger.child = () => logger;
  const ctx: ActionContext<any, any> = {
    input,
    logger,
    secrets: {
      backstageToken: 'initiator-token',
      ...options.secrets,
    },
    workspacePath: '/tmp/none',
    isDryRun: options.isDryRun,
    task: { id: 'task-1' },
    checkpoint: async ({ fn }) => fn(),
    output: (name: string | number | symbol, value: unknown) => {
      run.output[String(name)] = value;
    },
    createTemporaryDirectory: async () => '/tmp/none',
    getInitiatorCredentials: async () =>
      options.credentials ?? mockCredentials.user('user:default/jane'),
  };
  await action.handler(ctx);
  return run;
}
