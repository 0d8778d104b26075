import { routesOf } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import { cloudServicesRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { createCatalogFeedRouter } from '../catalog';
import { createMembershipFeedRouter } from '../permissions/membershipFeedRouter';
import { cloudServicesOpenApiDocument } from '../schema/openapiDocument';
import { createAdoptionRouter } from './adoptionRouter';
import { createBackupsRouter } from './backupsRouter';
import { createCredentialsRouter } from './credentialsRouter';
import { createLogsRouter } from './logsRouter';
import { createReleaseDetailsRouter } from './releaseDetailsRouter';
import { createRouter } from './router';

describe('the route table', () => {
  it('is exactly the routes the routers serve, each once', async () => {
    const router = await createRouter({
      httpAuth: {} as any,
      auditor: {} as any,
      logger: {} as any,
      marketplace: {} as any,
      workspaces: {} as any,
      lifecycle: {} as any,
      updater: {} as any,
      views: {} as any,
      customDomains: {} as any,
      backups: {} as any,
      settings: {} as any,
    });
    // plugin.ts mounts these routers on the plugin's base path.
    const feed = createCatalogFeedRouter({
      httpAuth: {} as any,
      logger: {} as any,
      source: {} as any,
    });
    const memberships = createMembershipFeedRouter({
      httpAuth: {} as any,
      logger: {} as any,
      workspaces: {} as any,
    });
    const adoption = createAdoptionRouter({
      httpAuth: {} as any,
      auditor: {} as any,
      logger: {} as any,
      adoption: {} as any,
    });
    const logs = createLogsRouter({
      httpAuth: {} as any,
      logger: {} as any,
      logs: {} as any,
    });
    const credentials = createCredentialsRouter({
      httpAuth: {} as any,
      auditor: {} as any,
      logger: {} as any,
      credentials: {} as any,
    });
    const releaseDetails = createReleaseDetailsRouter({
      httpAuth: {} as any,
      logger: {} as any,
      details: {} as any,
    });
    const backups = createBackupsRouter({
      httpAuth: {} as any,
      auditor: {} as any,
      logger: {} as any,
      backups: {} as any,
    });
    const served = [
      ...routesOf(router),
      ...routesOf(releaseDetails),
      ...routesOf(backups),
      ...routesOf(credentials),
      ...routesOf(feed),
      ...routesOf(adoption),
      ...routesOf(logs),
      ...routesOf(memberships),
    ]
      .filter(r => !r.endsWith(' /openapi.json'))
      .sort();
    const documented = Object.values(cloudServicesRoutes)
      .map(route => `${route.method} ${route.path}`)
      .sort();
    expect(served).toEqual(documented);
  });
});

describe('the OpenAPI document', () => {
  it('has every route of the table, with its schemas, under the base path', () => {
    const doc = cloudServicesOpenApiDocument('/api/woow-cloud-services') as any;
    const operations = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(
          ([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`,
        ),
      )
      .sort();
    expect(operations).toEqual(
      Object.entries(cloudServicesRoutes)
        .map(
          ([id, route]) =>
            `${route.method} /api/woow-cloud-services${route.path} ${id}`,
        )
        .sort(),
    );
    const create =
      doc.paths['/api/woow-cloud-services/workspaces/{workspaceId}/services']
        .post;
    expect(
      create.responses['201'].content['application/json'].schema,
    ).toMatchObject({ properties: { helmReleaseName: { type: 'string' } } });
    expect(
      create.requestBody.content['application/json'].schema.required,
    ).toEqual(expect.arrayContaining(['templateId', 'name']));
    expect(create.parameters).toEqual([
      expect.objectContaining({ name: 'workspaceId', in: 'path' }),
    ]);
  });
});
