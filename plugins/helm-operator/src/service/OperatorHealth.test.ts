import { HelmCli } from '../helm/HelmCli';
import { KubeClients } from '../kube/KubeClients';
import { OperatorHealth } from './OperatorHealth';

// /health's summary with helm and the API server replaced; the informers'
// real failure and restart are in informers.integration.test.ts.

const helm = { version: { version: 'v4.3.1' }, major: 4 } as unknown as HelmCli;
const kube = {
  version: { getCode: async () => ({ gitVersion: 'v1.34.4' }) },
} as unknown as KubeClients;

describe('OperatorHealth', () => {
  it('is ok with the cluster reachable and every informer synced', async () => {
    const health = new OperatorHealth(helm, kube, () => [
      { name: 'helm release secrets', synced: true, restarts: 0 },
      { name: 'pods', synced: true, restarts: 2 },
    ]);
    expect(await health.check()).toEqual({
      status: 'ok',
      helm: { version: 'v4.3.1', major: 4 },
      cluster: { reachable: true, version: 'v1.34.4' },
      informers: [
        { name: 'helm release secrets', synced: true, restarts: 0 },
        { name: 'pods', synced: true, restarts: 2 },
      ],
    });
  });

  it('is degraded while an informer is not synced, and says why', async () => {
    const failed = {
      name: 'pods',
      synced: false,
      restarts: 3,
      lastError: 'connect ECONNREFUSED',
    };
    const health = new OperatorHealth(helm, kube, () => [failed]);
    expect(await health.check()).toMatchObject({
      status: 'degraded',
      informers: [failed],
    });
  });
});
