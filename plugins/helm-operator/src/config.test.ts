import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { defaultMaxConcurrentMutations, readOperatorOptions } from './config';

/** The keys every deployment must set (no defaults), then the test's own. */
function withRequired(helmOperator: JsonObject = {}) {
  return new ConfigReader({
    woowCloudServices: { baseDomain: 'apps.example.com' },
    helmOperator: { ingress: { tlsSecretName: 'apps-tls' }, ...helmOperator },
  });
}

describe('readOperatorOptions', () => {
  it('requires the base domain and the TLS secret: no company defaults', () => {
    expect(() =>
      readOperatorOptions(
        new ConfigReader({ helmOperator: { ingress: { tlsSecretName: 'x' } } }),
      ),
    ).toThrow(/^woowCloudServices\.baseDomain is required/);
    expect(() =>
      readOperatorOptions(
        new ConfigReader({ woowCloudServices: { baseDomain: 'a.example' } }),
      ),
    ).toThrow(
      "Missing required config value at 'helmOperator.ingress.tlsSecretName'",
    );
  });

  it('applies the documented defaults', () => {
    const o = readOperatorOptions(withRequired());
    expect(o).toMatchObject({
      helmBinary: 'helm',
      namespacePrefix: 'paas-ws-',
      historyMax: 10,
      waitForReady: false,
      rollbackOnFailure: false,
      ingress: {
        className: 'traefik',
        tlsSecretName: 'apps-tls',
        baseDomain: 'apps.example.com',
      },
      timeouts: {
        install: 300,
        upgrade: 300,
        rollback: 300,
        uninstall: 300,
        diff: 120,
        read: 30,
      },
      failOnUnreachableCluster: true,
    });
    expect(o.quotaDefaults).toEqual({
      requestsCpu: '8',
      requestsMemory: '16Gi',
      limitsCpu: '16',
      limitsMemory: '32Gi',
      persistentVolumeClaims: 10,
      requestsStorage: '100Gi',
    });
  });

  it('reads overrides, numbers as quantities included', () => {
    const o = readOperatorOptions(
      withRequired({
        quota: { defaults: { requestsCpu: 4 } },
        timeouts: { install: 10 },
        historyMax: 3,
      }),
    );
    expect(o.quotaDefaults.requestsCpu).toBe('4');
    expect(o.timeouts.install).toBe(10);
    expect(o.historyMax).toBe(3);
  });

  it('refuses a prefix that would open every namespace', () => {
    expect(() =>
      readOperatorOptions(withRequired({ namespacePrefix: '' })),
    ).toThrow(/namespacePrefix/);
    expect(() =>
      readOperatorOptions(withRequired({ namespacePrefix: 'kube' })),
    ).toThrow(/namespacePrefix/);
  });

  it('refuses invalid quotas and timeouts', () => {
    expect(() =>
      readOperatorOptions(
        withRequired({ quota: { maxima: { limitsCpu: 'lots' } } }),
      ),
    ).toThrow(/helmOperator.maxima.limitsCpu/);
    expect(() =>
      readOperatorOptions(withRequired({ timeouts: { read: 0 } })),
    ).toThrow(/timeouts.read/);
  });
});

describe('tenant isolation settings', () => {
  it('defaults: manifest check on, the default deny list, PSA baseline, NetworkPolicy on', () => {
    const o = readOperatorOptions(withRequired());
    expect(o.checkManifests).toBe(true);
    expect(o.deniedKinds).toEqual(
      expect.arrayContaining([
        'ClusterRoleBinding',
        'Namespace',
        'ResourceQuota',
      ]),
    );
    expect(o.podSecurity).toEqual({
      enforce: 'baseline',
      warn: 'restricted',
      audit: 'restricted',
    });
    expect(o.networkPolicy).toEqual({
      enabled: true,
      allowFromNamespaces: ['kube-system', 'traefik', 'monitoring'],
      allowFromNamespaceLabels: [],
    });
  });

  it('reads the keys, and refuses an unknown PSA level', () => {
    const o = readOperatorOptions(
      withRequired({
        checkManifests: false,
        deniedKinds: ['StorageClass'],
        podSecurity: { enforce: 'restricted' },
        networkPolicy: {
          allowFromNamespaces: ['ingress-nginx'],
          allowFromNamespaceLabels: [{ team: 'monitoring' }],
        },
      }),
    );
    expect(o).toMatchObject({
      checkManifests: false,
      deniedKinds: ['StorageClass'],
      podSecurity: { enforce: 'restricted' },
      networkPolicy: {
        enabled: true,
        allowFromNamespaces: ['ingress-nginx'],
        allowFromNamespaceLabels: [{ team: 'monitoring' }],
      },
    });
    expect(() =>
      readOperatorOptions(
        withRequired({ podSecurity: { enforce: 'privileged' } }),
      ),
    ).toThrow(
      'Invalid config helmOperator.podSecurity.enforce "privileged": baseline or restricted',
    );
  });

  it('sizes the mutation limit to memory; reads and checks both mutation keys', () => {
    const GiB = 1024 ** 3;
    expect(defaultMaxConcurrentMutations(GiB)).toBe(2);
    expect(defaultMaxConcurrentMutations(100 * 1024 * 1024)).toBe(1);
    expect(readOperatorOptions(withRequired()).maxQueuedMutations).toBe(200);
    const o = readOperatorOptions(
      withRequired({ maxConcurrentMutations: 3, maxQueuedMutations: 0 }),
    );
    expect(o).toMatchObject({
      maxConcurrentMutations: 3,
      maxQueuedMutations: 0,
    });
    expect(() =>
      readOperatorOptions(withRequired({ maxConcurrentMutations: 0 })),
    ).toThrow(
      'Invalid config helmOperator.maxConcurrentMutations: an integer >= 1',
    );
    expect(() =>
      readOperatorOptions(withRequired({ maxQueuedMutations: 1.5 })),
    ).toThrow(/maxQueuedMutations/);
  });
});
