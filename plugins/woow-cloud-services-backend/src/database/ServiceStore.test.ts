import { ConflictError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { applyDatabaseMigrations } from './migrations';
import {
  NewService,
  ServiceStore,
  UniqueServiceFieldError,
} from './ServiceStore';
import { TemplateStore } from './TemplateStore';
import { WorkspaceStore } from './WorkspaceStore';

jest.setTimeout(60_000);

async function setup(
  databases: ReturnType<typeof createTestDatabases>,
  id: any,
) {
  const knex = await databases.init(id);
  await applyDatabaseMigrations(knex);
  await new WorkspaceStore(knex).create({
    id: 'ws',
    name: 'WS',
    description: '',
    owner: 'user:default/a',
  });
  const template = await new TemplateStore(knex).insert(
    {
      slug: 'app',
      name: 'App',
      description: 'An app',
      fullDescription: '',
      category: 'web',
      tags: ['Web'],
      monthlyPrice: 1.5,
      helmChart: {
        repository: 'local:',
        chartName: 'app',
        chartVersion: '1.0.0',
        defaultValues: {},
      },
      valueSpecs: { required: [], optional: [] },
      defaultPort: 80,
      ingressEnabled: true,
      minResources: { vcpu: 0.5, ramGb: 1, storageGb: 0 },
      isActive: true,
    },
    { source: 'api', sourceHash: null },
  );
  return { knex, store: new ServiceStore(knex), templateId: template.id };
}

function newService(
  templateId: string,
  n: number,
  overrides: Partial<NewService> = {},
): NewService {
  return {
    id: `svc-${n}`,
    workspaceId: 'ws',
    templateId,
    name: `Service ${n}`,
    referenceId: `app-${n}`,
    deploymentId: `#${n}`,
    state: 'pending',
    errorMessage: null,
    statusDetail: null,
    subdomain: `app-${n}`,
    releasedSubdomain: null,
    customDomain: null,
    internalPort: 80,
    helmReleaseName: `paas-ws-ws-app-${n}`,
    helmNamespace: 'paas-ws-ws',
    helmValues: { a: 1, p: { isSet: true } },
    helmSecrets: 'v1.x',
    helmDefaultValues: { x: { y: true } },
    helmRevision: 0,
    helmChartVersion: '1.0.0',
    allocatedVcpu: 0.5,
    allocatedRamGb: 1,
    allocatedStorageGb: 0,
    createdBy: 'user:default/a',
    deployedAt: null,
    lastUpgradedAt: null,
    pendingAction: { kind: 'install' },
    targetRevision: null,
    attempts: 0,
    nextCheckAt: new Date(Date.now() - 1000),
    operationStartedAt: new Date(),
    ...overrides,
  };
}

describe('ServiceStore', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'round-trips, locks optimistically and keeps names unique, on %p',
    async id => {
      const { knex, store, templateId } = await setup(databases, id);
      const created = await store.insert(newService(templateId, 1));
      expect(created).toMatchObject({
        templateSlug: 'app',
        version: 1,
        helmValues: { a: 1, p: { isSet: true } },
        helmDefaultValues: { x: { y: true } },
        pendingAction: { kind: 'install' },
        allocatedVcpu: 0.5,
      });
      expect(created.createdAt).toBeInstanceOf(Date);

      const renamed = await store.update(created.id, 1, {
        name: 'Renamed',
        state: 'deploying',
      });
      expect(renamed).toMatchObject({
        name: 'Renamed',
        state: 'deploying',
        version: 2,
      });
      await expect(
        store.update(created.id, 1, { name: 'Stale' }),
      ).rejects.toThrow(ConflictError);
      expect((await store.get(created.id))!.name).toBe('Renamed');

      await store.updateBookkeeping(created.id, {
        statusDetail: 'busy',
        attempts: 2,
      });
      expect(await store.get(created.id)).toMatchObject({
        statusDetail: 'busy',
        attempts: 2,
        version: 2,
      });

      await expect(
        store.insert(newService(templateId, 2, { subdomain: 'app-1' })),
      ).rejects.toEqual(new UniqueServiceFieldError('subdomain'));
      await expect(
        store.insert(newService(templateId, 3, { referenceId: 'app-1' })),
      ).rejects.toMatchObject({
        column: 'reference_id',
      });
      expect(await store.isTaken('subdomain', 'app-1')).toBe(true);
      expect(await store.isTaken('subdomain', 'app-1', created.id)).toBe(false);

      expect(await store.listDue(new Date(), 10)).toHaveLength(1);
      expect(
        await store.listDue(new Date(Date.now() - 60_000), 10),
      ).toHaveLength(0);

      // Soft delete frees the subdomain for a new service.
      await store.update(created.id, 2, {
        deletedAt: new Date(),
        subdomain: null,
        releasedSubdomain: 'app-1',
      });
      expect(await store.get(created.id)).toBeUndefined();
      expect(
        await store.get(created.id, { includeDeleted: true }),
      ).toMatchObject({ releasedSubdomain: 'app-1' });
      await store.insert(newService(templateId, 4, { subdomain: 'app-1' }));
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'hands out unique deployment ids concurrently, on %p',
    async id => {
      const { knex, store } = await setup(databases, id);
      const ids = await Promise.all(
        Array.from({ length: 10 }, () => store.nextDeploymentId()),
      );
      expect(new Set(ids).size).toBe(10);
      for (const deploymentId of ids) expect(deploymentId).toMatch(/^#\d{4,}$/);
      await knex.destroy();
    },
  );
});
