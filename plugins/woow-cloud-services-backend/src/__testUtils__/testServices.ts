import { mockServices } from '@backstage/backend-test-utils';

import type { Knex } from 'knex';
import type { CloudServicesSettings } from '../config';
import type { UserCredentials } from '../services/AccessControl';
import type { OperatorApi } from '../operator/OperatorClient';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  createCloudServices,
  type CloudServices,
} from '../services/createCloudServices';
import { SecretCipher } from '../services/SecretCipher';

/**
 * The two calls every stand-in operator answers the same way: no quota in
 * the namespace, and the workspace's namespace created.
 */
export class WorkspaceNamespaceStub {
  async getQuotaUsage(namespace: string) {
    return { namespace, exists: false, hard: {}, used: {} };
  }
  async ensureNamespace(req: { workspaceId: string }) {
    return {
      namespace: `paas-ws-${req.workspaceId}`,
      created: true,
      quota: {},
    };
  }
}

/** The backend's services over a test database and a stand-in operator (fixed cipher key, permissive permissions). */
export function createTestCloudServices(options: {
  knex: Knex;
  operator: object;
  settings: CloudServicesSettings;
  logger?: LoggerService;
  notifications?: NotificationService;
  signals?: SignalsService;
}) {
  return createCloudServices({
    db: options.knex,
    operator: options.operator as unknown as OperatorApi,
    permissions: mockServices.permissions(),
    cipher: new SecretCipher(Buffer.alloc(32, 7)),
    settings: options.settings,
    logger: options.logger ?? mockServices.logger.mock(),
    notifications: options.notifications,
    signals: options.signals,
  });
}

/** A new workspace of `owner` with a random id; returns the id. */
export async function createTestWorkspace(
  services: CloudServices,
  owner: UserCredentials,
) {
  const workspaceId = `ws-${Math.random().toString(36).slice(2, 8)}`;
  await services.workspaces.create(owner, {
    id: workspaceId,
    name: 'WS',
    description: '',
  });
  return workspaceId;
}

/** A stand-in operator's answer to an install that went through. */
export function installedRelease(req: {
  namespace: string;
  releaseName: string;
}) {
  return {
    namespace: req.namespace,
    releaseName: req.releaseName,
    status: 'deployed',
    revision: 1,
    ingress: null,
  };
}

/** A stand-in operator's status of a release running at revision 1. */
export function runningStatus(namespace: string, releaseName: string) {
  return {
    namespace,
    releaseName,
    state: 'running' as const,
    helmStatus: 'deployed',
    revision: 1,
    workloads: [],
    pods: [],
    problems: [],
    message: '',
  };
}
