import {
  coreServices,
  createServiceFactory,
  type HttpAuthService,
  type SchedulerService,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import woowCloudServicesPlugin, {
  catalogModuleWoowCloudServices,
} from '@internal/backstage-plugin-woow-cloud-services-backend';
import path from 'node:path';
import request from 'supertest';
import { permissionModuleWoowCloudServicesPolicy } from '../module';

export const MARKETPLACE = path.resolve(__dirname, '../../../../marketplace');
export const API = '/api/woow-cloud-services';

const OBO_PREFIX = 'Bearer mock-service-token:';

/**
 * The mock httpAuth, except that a plugin's token on behalf of a user is
 * that user with the plugin as actor, as real tokens are. (The mock drops
 * the actor; the real permissions registry then refuses the permission
 * backend's apply-conditions call, as it refuses a user calling directly.)
 */
const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
      credentials: (async (req, options) => {
        const credentials = await inner.credentials(req, options);
        const header = req.headers.authorization ?? '';
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
          actor?: unknown;
        };
        if (
          principal.type === 'user' &&
          !principal.actor &&
          header.startsWith(OBO_PREFIX)
        ) {
          const { sub } = JSON.parse(header.slice(OBO_PREFIX.length));
          return mockCredentials.user(principal.userEntityRef, {
            actor: { subject: sub ?? 'plugin:test' },
          });
        }
        return credentials;
      }) as HttpAuthService['credentials'],
    };
  },
});

/**
 * A portal as packages/backend wires it, minus the cluster: the real
 * permission backend with this policy, the real permissions service and
 * registry (conditions are applied by the plugins that own the resources),
 * the Cloud Services plugin on its real database, and the catalog with the
 * product's module. No helm-operator: a deploy is stored, then fails at the
 * operator call (which the tests here do not care about).
 */
export async function startTestPortal(config: Record<string, unknown>) {
  // The mock scheduler is typed as a plain SchedulerService; it is more.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
    triggerTask(id: string): Promise<void>;
  };
  const backend = await startTestBackend({
    features: [
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, ...config },
      }),
      httpAuthWithActors,
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      permissionPlugin,
      permissionModuleWoowCloudServicesPolicy,
      woowCloudServicesPlugin,
      catalogPlugin,
      scaffolderEntityModel,
      catalogModuleWoowCloudServices,
    ],
  });
  return { backend, scheduler };
}

/** The Cloud Services API as one user. */
export function apiAs(server: any, userRef: string) {
  const auth = { Authorization: mockCredentials.user.header(userRef) };
  return {
    get: (p: string) => request(server).get(`${API}${p}`).set(auth),
    post: (p: string, body: object = {}) =>
      request(server).post(`${API}${p}`).set(auth).send(body),
    put: (p: string, body: object) =>
      request(server).put(`${API}${p}`).set(auth).send(body),
    patch: (p: string, body: object) =>
      request(server).patch(`${API}${p}`).set(auth).send(body),
    del: (p: string) => request(server).delete(`${API}${p}`).set(auth),
    catalog: (p: string) => request(server).get(`/api/catalog${p}`).set(auth),
  };
}
