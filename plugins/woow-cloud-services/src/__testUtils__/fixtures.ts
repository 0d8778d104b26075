import {
  appTemplateSchema,
  cloudServiceSchema,
  cloudServicesConfigSchema,
  revisionListResponseSchema,
  revisionSchema,
  serviceEventSchema,
  serviceLiveStatusSchema,
  serviceMetricsSchema,
  workspaceMemberSchema,
  workspaceSchema,
  type AppTemplate,
  type CloudService,
  type Revision,
  type RevisionListResponse,
  type ServiceEvent,
  type ServiceLiveStatus,
  type ServiceMetrics,
  type Workspace,
  type WorkspaceMember,
  type WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

// Every fixture goes through the shared schema, so a contract change breaks
// these tests instead of letting them pass against a stale shape.

export function makeTemplate(
  overrides: Partial<AppTemplate> = {},
): AppTemplate {
  return appTemplateSchema.parse({
    id: 'tpl-postgres',
    slug: 'postgresql',
    name: 'PostgreSQL',
    description: 'Relational database',
    fullDescription: '',
    category: 'database',
    tags: ['SQL', 'Database'],
    monthlyPrice: 12.5,
    iconUrl: 'https://example.com/pg.png',
    helmChart: {
      repository: 'local:',
      chartName: 'postgresql',
      chartVersion: '15.5.0',
      defaultValues: {},
    },
    valueSpecs: {
      required: [
        {
          key: 'auth.postgresPassword',
          label: 'Admin Password',
          type: 'password',
          required: true,
        },
        {
          key: 'auth.database',
          label: 'Database Name',
          type: 'text',
          defaultValue: 'app_db',
        },
      ],
      optional: [
        {
          key: 'primary.persistence.size',
          label: 'Storage Size',
          type: 'select',
          defaultValue: '8Gi',
          options: ['8Gi', '16Gi', '32Gi'],
        },
        {
          key: 'metrics.enabled',
          label: 'Enable Metrics',
          type: 'boolean',
          defaultValue: false,
        },
        {
          key: 'maxConnections',
          label: 'Max Connections',
          type: 'number',
          defaultValue: 100,
          min: 10,
          max: 1000,
        },
      ],
    },
    defaultPort: 5432,
    minResources: { vcpu: 1, ramGb: 1, storageGb: 8 },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  });
}

export function makeWorkspace(
  role: WorkspaceRole = 'admin',
  overrides: Partial<Workspace> = {},
): Workspace {
  return workspaceSchema.parse({
    id: 'ws1',
    name: 'Team Alpha',
    description: 'The alpha team',
    namespace: 'paas-ws-ws1',
    createdBy: 'user:default/jane',
    createdAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    myRole: role,
    serviceCount: 1,
    ...overrides,
  });
}

export function makeMember(
  userRef: string,
  role: WorkspaceRole,
  overrides: Partial<WorkspaceMember> = {},
): WorkspaceMember {
  return workspaceMemberSchema.parse({
    userRef,
    role,
    addedAt: '2026-01-02T10:00:00.000Z',
    addedBy: 'user:default/jane',
    ...overrides,
  });
}

export function makeService(
  overrides: Partial<CloudService> = {},
): CloudService {
  return cloudServiceSchema.parse({
    id: 'svc1',
    workspaceId: 'ws1',
    templateId: 'tpl-postgres',
    templateSlug: 'postgresql',
    name: 'Orders DB',
    referenceId: 'orders-db-x1',
    deploymentId: '#8291',
    state: 'running',
    errorMessage: null,
    statusDetail: null,
    subdomain: 'orders-db',
    customDomain: null,
    customDomainVerification: null,
    webUi: true,
    publicUrl: 'https://orders-db.woow.test',
    internalPort: 5432,
    helmReleaseName: 'paas-ws-ws1-orders-db-x1',
    helmNamespace: 'paas-ws-ws1',
    helmValues: {
      'auth.postgresPassword': { isSet: true },
      'auth.database': 'orders',
      'primary.persistence.size': '8Gi',
    },
    helmRevision: 2,
    helmChartVersion: '15.5.0',
    allocatedVcpu: 1,
    allocatedRamGb: 2,
    allocatedStorageGb: 8,
    createdBy: 'user:default/jane',
    createdAt: '2026-01-02T00:00:00.000Z',
    deployedAt: '2026-01-02T00:05:00.000Z',
    lastUpgradedAt: null,
    version: 7,
    ...overrides,
  });
}

export function makeRevisions(): Revision[] {
  return [1, 2].map(revision =>
    revisionSchema.parse({
      revision,
      status: revision === 2 ? 'deployed' : 'superseded',
      chart: 'postgresql-15.5.0',
      appVersion: '16.1.0',
      updated: `2026-01-0${revision + 1}T00:00:00.000Z`,
      description: revision === 1 ? 'Install complete' : 'Upgrade complete',
    }),
  );
}

export function makeEvent(overrides: Partial<ServiceEvent> = {}): ServiceEvent {
  return serviceEventSchema.parse({
    id: 'ev1',
    serviceId: 'svc1',
    workspaceId: 'ws1',
    type: 'deploy',
    actor: 'user:default/jane',
    fromState: 'deploying',
    toState: 'running',
    result: 'success',
    message: 'Release installed',
    createdAt: '2026-01-02T00:05:00.000Z',
    ...overrides,
  });
}

/** Five samples a minute apart; the third is a gap (no sample). */
export function makeMetrics(
  range: ServiceMetrics['range'] = '1h',
): ServiceMetrics {
  const start = 1_767_000_000;
  const points = (values: Array<number | null>) =>
    values.map((v, i) => [start + i * 60, v] as [number, number | null]);
  return serviceMetricsSchema.parse({
    range,
    stepSeconds: 60,
    start,
    end: start + 240,
    series: [
      {
        name: 'cpu',
        label: 'vCPU',
        unit: 'cores',
        points: points([0.1, 0.2, null, 0.25, 0.5]),
      },
      {
        name: 'memory',
        label: 'RAM',
        unit: 'bytes',
        points: points([1048576, 2097152, null, 3145728, 536870912]),
      },
      {
        name: 'disk_read',
        label: 'Disk read',
        unit: 'bytes/s',
        points: points([0, 1024, null, 2048, 4096]),
      },
      {
        name: 'disk_write',
        label: 'Disk write',
        unit: 'bytes/s',
        points: points([0, 512, null, 512, 1024]),
      },
      {
        name: 'network_in',
        label: 'Network in',
        unit: 'bytes/s',
        points: points([100, 200, null, 300, 1536]),
      },
      {
        name: 'network_out',
        label: 'Network out',
        unit: 'bytes/s',
        points: points([50, 60, null, 70, 2048]),
      },
      {
        name: 'connections',
        label: 'Active connections',
        unit: 'count',
        points: points([1, 2, null, 3, 4]),
      },
    ],
    current: {
      cpuCores: 0.5,
      cpuPercentOfLimit: 25,
      memoryBytes: 536870912,
      memoryLimitBytes: 2147483648,
      activeConnections: 4,
    },
  });
}

export function makeRevisionList(
  items: Revision[] = makeRevisions(),
  currentRevision = 2,
): RevisionListResponse {
  return revisionListResponseSchema.parse({ items, currentRevision });
}

export const CONFIG = cloudServicesConfigSchema.parse({
  baseDomain: 'woow.test',
  cnameTarget: '{subdomain}.woow.test',
  metricsEnabled: true,
});

/** GET .../status: `ready` of `desired` replicas of one Deployment. */
export function makeLiveStatus(ready = 1, desired = 1): ServiceLiveStatus {
  return serviceLiveStatusSchema.parse({
    serviceId: 'svc1',
    state: 'running',
    online: ready === desired && desired > 0,
    release: {
      namespace: 'paas-ws-ws1',
      releaseName: 'paas-ws-ws1-orders-db-x1',
      state: ready === desired ? 'running' : 'progressing',
      helmStatus: 'deployed',
      revision: 2,
      workloads: [
        {
          kind: 'Deployment',
          name: 'orders-db',
          desired,
          ready,
          updated: ready,
        },
      ],
      pods: [],
      problems:
        ready < desired
          ? [
              {
                reason: 'ImagePullBackOff',
                object: 'Pod/orders-db-0',
                message: 'image not found',
              },
            ]
          : [],
      message: '',
    },
    message: '',
  });
}
