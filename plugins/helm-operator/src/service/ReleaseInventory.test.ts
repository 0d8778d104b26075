import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { UnprocessableError } from '../errors';
import { Fence } from '../fence';
import { HelmReleases } from '../helm/HelmReleases';
import { KubeClients } from '../kube/KubeClients';
import { V1Secret } from '@kubernetes/client-node';
import { releaseSecret } from '../__testUtils__/releaseSecrets';
import { ReleaseCache } from '../cache/ReleaseCache';
import { ReleaseInventory } from './ReleaseInventory';

// The inventory's own rules, with helm and the API server replaced (the real
// ones run in the backend's adoption.integration.test.ts).

function setup(
  lists: Record<string, () => Promise<unknown[]>>,
  releases?: ReleaseCache,
) {
  const listed: string[] = [];
  const helm = {
    list: jest.fn(async (ns: string) => {
      listed.push(ns);
      return lists[ns]();
    }),
  };
  const kube = {
    core: {
      listNamespace: jest.fn(async () => ({
        items: [
          'kube-system',
          'paas-ws-b',
          'paas-ws-a',
          'paas-ws-c',
          'default',
        ].map(name => ({ metadata: { name } })),
      })),
    },
  };
  const inventory = new ReleaseInventory({
    kube: kube as unknown as KubeClients,
    helm: helm as unknown as HelmReleases,
    fence: new Fence('paas-ws-'),
    logger: mockServices.logger.mock(),
    concurrency: 2,
    releases,
  });
  return { inventory, listed };
}

const entry = (name: string) => ({
  name,
  revision: '1',
  status: 'deployed',
  chart: 'woow-fixture-app-0.1.0',
  app_version: '1.0',
  updated: '2026-11-30 08:00:00 +0000 UTC',
});

describe('ReleaseInventory', () => {
  it('lists only fenced namespaces, sorted, and reports unreadable ones', async () => {
    const { inventory, listed } = setup({
      'paas-ws-a': async () => [entry('paas-ws-a-2'), entry('paas-ws-a-1')],
      'paas-ws-b': async () => {
        throw new UnprocessableError('secrets is forbidden');
      },
      'paas-ws-c': async () => [],
    });
    const result = await inventory.list();
    expect(listed.sort()).toEqual(['paas-ws-a', 'paas-ws-b', 'paas-ws-c']);
    expect(result.items.map(i => [i.namespace, i.releaseName])).toEqual([
      ['paas-ws-a', 'paas-ws-a-1'],
      ['paas-ws-a', 'paas-ws-a-2'],
    ]);
    expect(result.unreadableNamespaces).toEqual([
      { namespace: 'paas-ws-b', reason: 'secrets is forbidden' },
    ]);
  });

  it('lists one namespace, 404 for one that does not exist', async () => {
    const { inventory, listed } = setup({
      'paas-ws-c': async () => [entry('paas-ws-c-x')],
    });
    expect((await inventory.list('paas-ws-c')).items).toHaveLength(1);
    expect(listed).toEqual(['paas-ws-c']);
    await expect(inventory.list('paas-ws-zzz')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('fails as a whole when helm or the cluster is unavailable', async () => {
    const { inventory } = setup({
      'paas-ws-a': async () => [],
      'paas-ws-b': async () => {
        throw new ServiceUnavailableError('cluster unreachable');
      },
      'paas-ws-c': async () => [],
    });
    await expect(inventory.list()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });
  });

  it('lists from the release cache while it watches: no helm process, helm list’s statuses', async () => {
    const handlers: Record<string, (s: V1Secret) => void> = {};
    let watching = true;
    const cache = new ReleaseCache(
      {
        onAdd: h => (handlers.add = h),
        onUpdate: h => (handlers.update = h),
        onDelete: h => (handlers.delete = h),
        hasSynced: () => true,
        health: () => ({ name: 'x', synced: watching, restarts: 0 }),
      },
      { namespacePrefix: 'paas-ws-', logger: mockServices.logger.mock() },
    );
    const rev = (ns: string, name: string, version: number, status: string) =>
      handlers.add(
        releaseSecret({
          name,
          namespace: ns,
          version,
          info: {
            status,
            last_deployed: '2026-11-30T10:37:52.932717189Z',
          },
          chart: {
            metadata: {
              name: 'woow-fixture-app',
              version: '0.1.0',
              appVersion: '1.0',
            },
          },
        }),
      );
    rev('paas-ws-a', 'paas-ws-a-2', 1, 'superseded');
    rev('paas-ws-a', 'paas-ws-a-2', 2, 'failed');
    rev('paas-ws-a', 'paas-ws-a-1', 1, 'deployed');
    rev('paas-ws-c', 'paas-ws-c-gone', 1, 'uninstalled');
    rev('kube-system', 'traefik', 1, 'deployed');
    const { inventory, listed } = setup(
      { 'paas-ws-a': async () => [entry('from-helm')] },
      cache,
    );
    const result = await inventory.list();
    expect(listed).toEqual([]);
    expect(result).toEqual({
      items: [
        {
          namespace: 'paas-ws-a',
          releaseName: 'paas-ws-a-1',
          chart: 'woow-fixture-app',
          chartVersion: '0.1.0',
          appVersion: '1.0',
          status: 'deployed',
          revision: 1,
          updated: '2026-11-30T10:37:52.932Z',
        },
        expect.objectContaining({
          releaseName: 'paas-ws-a-2',
          revision: 2,
          status: 'failed',
        }),
      ],
      unreadableNamespaces: [],
    });
    // A watch that is down: helm answers, as before.
    watching = false;
    expect((await inventory.list('paas-ws-a')).items[0].releaseName).toBe(
      'from-helm',
    );
    expect(listed).toEqual(['paas-ws-a']);
  });
});
