import type { WorkspaceMember } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceRecord } from '../database/ServiceStore';
import { makeTemplate } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import {
  StoreCatalogFeedSource,
  workspaceOwner,
} from './StoreCatalogFeedSource';

const member = (
  userRef: string,
  role: WorkspaceMember['role'],
  addedAt: string,
) => ({
  userRef,
  role,
  addedAt,
  addedBy: 'user:default/x',
});

describe('workspaceOwner', () => {
  it('is the creator while they own the workspace, else the longest-standing owner', () => {
    const members = [
      member('user:default/zed', 'owner', '2025-01-02T00:00:00Z'),
      member('user:default/amy', 'owner', '2025-01-03T00:00:00Z'),
      member('user:default/creator', 'admin', '2025-01-01T00:00:00Z'),
    ];
    expect(workspaceOwner({ createdBy: 'user:default/amy' }, members)).toBe(
      'user:default/amy',
    );
    expect(workspaceOwner({ createdBy: 'user:default/creator' }, members)).toBe(
      'user:default/zed',
    );
  });
});

describe('StoreCatalogFeedSource', () => {
  const record = {
    id: 'svc-1',
    workspaceId: 'team-a',
    templateId: 'tpl-1',
    templateSlug: 'postgresql',
    templateWebUi: true,
    name: 'Orders DB',
    referenceId: 'k3x9q2',
    deploymentId: 'D-000001',
    state: 'running',
    errorMessage: null,
    statusDetail: null,
    subdomain: 'orders-db',
    releasedSubdomain: null,
    customDomain: null,
    internalPort: 5432,
    helmReleaseName: 'paas-ws-team-a-k3x9q2',
    helmNamespace: 'paas-ws-team-a',
    helmValues: { 'auth.database': 'orders' },
    helmSecrets: 'encrypted-envelope',
    helmDefaultValues: {},
    helmRevision: 1,
    helmChartVersion: '16.0.0',
    allocatedVcpu: 1,
    allocatedRamGb: 1,
    allocatedStorageGb: 8,
    createdBy: 'user:default/jane',
    createdAt: new Date('2025-01-01T00:00:00Z'),
    updatedAt: new Date('2025-01-01T00:00:00Z'),
    deployedAt: null,
    lastUpgradedAt: null,
    deletedAt: null,
    version: 1,
    pendingAction: null,
    targetRevision: null,
    attempts: 0,
    nextCheckAt: null,
    operationStartedAt: null,
  } as ServiceRecord;

  const source = new StoreCatalogFeedSource({
    baseDomain: 'woowtech.test',
    templates: {
      list: async filter => [
        {
          ...makeTemplate(),
          source: 'marketplace/postgresql.yaml',
          sourceHash: 'abc',
        } as any,
        ...(filter?.includeInactive
          ? [makeTemplate({ slug: 'old', isActive: false })]
          : []),
      ],
    },
    services: {
      listLive: async () => [record],
      listChangedSince: async () => [record],
    },
    workspaces: {
      getMany: async ids =>
        new Map(
          ids.map(id => [
            id,
            {
              id,
              name: 'Team A',
              description: '',
              createdBy: 'user:default/jane',
              createdAt: new Date(),
              updatedAt: new Date(),
              version: 1,
            },
          ]),
        ),
      listMembersOf: async ids =>
        new Map(
          ids.map(id => [
            id,
            [member('user:default/jane', 'owner', '2025-01-01T00:00:00Z')],
          ]),
        ),
    },
  });

  it('lists active templates in the API shape only', async () => {
    const [template, ...rest] = await source.listActiveTemplates();
    expect(rest).toEqual([]);
    expect(template.slug).toBe('postgresql');
    expect(template).not.toHaveProperty('source');
  });

  it('lists services in the API shape with owner and workspace name, never the secrets', async () => {
    const {
      items: [service],
    } = await source.listServices();
    expect(service).toMatchObject({
      id: 'svc-1',
      ownerRef: 'user:default/jane',
      workspaceName: 'Team A',
      publicUrl: 'https://orders-db.woowtech.test',
    });
    expect(JSON.stringify(service)).not.toContain('encrypted-envelope');
  });
});
