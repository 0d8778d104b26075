import type { CatalogFeedService } from '../schemas/catalogFeed';
import type { CloudService } from '../schemas/service';
import { appTemplateSchema, type AppTemplate } from '../schemas/template';

/** A template with one value of each kind, dotted keys, and one clash of names. */
export function makeTemplate(
  overrides: Partial<AppTemplate> = {},
): AppTemplate {
  return appTemplateSchema.parse({
    id: 'tpl-1',
    slug: 'postgresql',
    name: 'PostgreSQL',
    description: 'The relational database',
    category: 'database',
    tags: ['SQL', 'Relational DB'],
    monthlyPrice: 10,
    documentationUrl: 'https://www.postgresql.org/docs/',
    iconUrl: 'https://example.com/postgresql.svg',
    helmChart: {
      repository: 'oci://registry-1.docker.io/bitnamicharts',
      chartName: 'postgresql',
      chartVersion: '16.0.0',
      defaultValues: {},
    },
    valueSpecs: {
      required: [
        {
          key: 'auth.password',
          label: 'Admin password',
          type: 'password',
          required: true,
        },
        {
          key: 'auth.database',
          label: 'Database',
          type: 'text',
          required: true,
          pattern: '[a-z_]+',
          patternDescription: 'lower-case letters and _',
        },
        {
          key: 'tier',
          label: 'Tier',
          type: 'select',
          required: true,
          options: ['small', 'large'],
          defaultValue: 'small',
        },
      ],
      optional: [
        {
          key: 'replicaCount',
          label: 'Replicas',
          type: 'number',
          min: 1,
          max: 5,
          defaultValue: 1,
          helpText: 'Read replicas',
        },
        {
          key: 'metrics.enabled',
          label: 'Metrics',
          type: 'boolean',
          defaultValue: false,
        },
        { key: 'metrics__enabled', label: 'Clash', type: 'text' },
        {
          key: 'auth.replicationPassword',
          label: 'Replication password',
          type: 'password',
        },
      ],
    },
    defaultPort: 5432,
    minResources: { vcpu: 1, ramGb: 1, storageGb: 8 },
    isActive: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  });
}

export function makeService(
  overrides: Partial<CloudService> = {},
): CloudService {
  return {
    id: 'svc-1',
    workspaceId: 'team-a',
    templateId: 'tpl-1',
    templateSlug: 'postgresql',
    name: 'Orders DB',
    referenceId: 'k3x9q2',
    deploymentId: 'D-000001',
    state: 'running',
    errorMessage: null,
    statusDetail: null,
    subdomain: 'orders-db',
    customDomain: null,
    customDomainVerification: null,
    webUi: true,
    publicUrl: 'https://orders-db.woowtech.com',
    internalPort: 5432,
    helmReleaseName: 'paas-ws-team-a-k3x9q2',
    helmNamespace: 'paas-ws-team-a',
    helmValues: { 'auth.database': 'orders', 'auth.password': { isSet: true } },
    helmRevision: 1,
    helmChartVersion: '16.0.0',
    allocatedVcpu: 1,
    allocatedRamGb: 1,
    allocatedStorageGb: 8,
    plan: null,
    createdBy: 'user:default/jane',
    createdAt: '2025-01-01T00:00:00.000Z',
    deployedAt: '2025-01-01T00:01:00.000Z',
    lastUpgradedAt: null,
    version: 3,
    ...overrides,
  };
}

export function makeFeedService(
  overrides: Partial<CatalogFeedService> = {},
): CatalogFeedService {
  return {
    ...makeService(overrides),
    ownerRef: 'user:default/jane',
    ...overrides,
  };
}
