import tls from 'node:tls';
import { requireTestEnv } from '../__testUtils__/testenv';
import { createKubeClients } from './KubeClients';

// Against the test control plane: API calls through the operator's clients
// reuse their TLS connections (client-node alone opened one per call).
describe('the operator’s Kubernetes clients', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['its own identity', undefined],
    ['a deployer it impersonates', 'paas-ws-'],
  ])('reuse one connection for sequential calls (%s)', async (_, prefix) => {
    const { kubeconfig } = requireTestEnv();
    const kube = createKubeClients({
      kubeconfigPath: kubeconfig,
      impersonateDeployerIn: prefix,
    });
    const connects = jest.spyOn(tls, 'connect');
    for (let i = 0; i < 5; i++) {
      const version = await kube.version.getCode();
      expect(version.major).toBe('1');
    }
    expect(connects).toHaveBeenCalledTimes(1);
  });
});
