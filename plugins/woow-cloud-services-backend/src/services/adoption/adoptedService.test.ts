import { adoptedService, type AdoptedServiceInput } from './adoptedService';

const input = (
  over: Partial<AdoptedServiceInput['release']> = {},
): AdoptedServiceInput => ({
  id: 'svc-1',
  deploymentId: '#1001',
  workspaceId: 'team',
  name: 'Legacy',
  subdomain: 'legacy',
  referenceId: 'db',
  template: {
    id: 'tpl',
    defaultPort: 5432,
    minResources: { vcpu: 0.5, ramGb: 1, storageGb: 8 },
  } as any,
  release: {
    namespace: 'paas-ws-team',
    releaseName: 'paas-ws-team-db',
    chart: 'postgresql',
    chartVersion: '15.5.0',
    appVersion: '16',
    status: 'deployed',
    revision: 3,
    updated: '2026-11-30T08:00:00.000Z',
    ...over,
  },
  revision: 3,
  helmValues: { password: { isSet: true } },
  helmSecrets: 'sealed',
  otherValues: { resources: { limits: { cpu: '1' } } },
  createdBy: 'user:default/admin',
});

describe('adoptedService', () => {
  it('is a settled row at the release revision, keeping its other values as defaults', () => {
    expect(adoptedService(input())).toMatchObject({
      state: 'running',
      errorMessage: null,
      pendingAction: null,
      helmRevision: 3,
      helmChartVersion: '15.5.0',
      helmReleaseName: 'paas-ws-team-db',
      helmNamespace: 'paas-ws-team',
      helmDefaultValues: { resources: { limits: { cpu: '1' } } },
      helmSecrets: 'sealed',
      deployedAt: new Date('2026-11-30T08:00:00.000Z'),
      internalPort: 5432,
    });
  });

  it('starts in error, saying what to do, when helm says the release failed', () => {
    const row = adoptedService(input({ status: 'failed' }));
    expect(row.state).toBe('error');
    expect(row.errorMessage).toMatch(/helm status failed/);
  });
});
