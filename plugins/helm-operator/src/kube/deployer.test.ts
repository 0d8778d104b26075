import { deployerUser, namespaceOfApiPath } from './deployer';

describe('namespaceOfApiPath', () => {
  it.each([
    ['/api/v1/namespaces/paas-ws-a/configmaps', 'paas-ws-a'],
    ['/api/v1/namespaces/paas-ws-a/configmaps/woow-op-x', 'paas-ws-a'],
    ['/apis/coordination.k8s.io/v1/namespaces/paas-ws-b/leases/l', 'paas-ws-b'],
    ['/api/v1/namespaces/paas-ws-a', undefined],
    ['/api/v1/namespaces', undefined],
    ['/apis/networking.k8s.io/v1/ingresses', undefined],
    ['/version', undefined],
  ])('%s -> %s', (p, ns) => {
    expect(namespaceOfApiPath(p)).toBe(ns);
  });

  it('names the deployer ServiceAccount user', () => {
    expect(deployerUser('paas-ws-a')).toBe(
      'system:serviceaccount:paas-ws-a:paas-deployer',
    );
  });
});
