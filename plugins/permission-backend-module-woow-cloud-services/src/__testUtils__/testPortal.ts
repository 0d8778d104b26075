import type {
  SchedulerService,
  ServiceFactory,
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
import catalogModuleWoowCloudServices from '@woowtech/backstage-plugin-catalog-backend-module-woow-cloud-services';
import woowCloudServicesPlugin from '@woowtech/backstage-plugin-woow-cloud-services-backend';
import path from 'node:path';
import request from 'supertest';
import { permissionModuleWoowCloudServicesPolicy } from '../module';
import { httpAuthWithActors } from './httpAuthWithActors';

export const MARKETPLACE = path.resolve(__dirname, '../../../../marketplace');
export const API = '/api/woow-cloud-services';

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
