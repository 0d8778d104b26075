import { KubernetesObject, V1Ingress } from '@kubernetes/client-node';
import { IngressCache } from './IngressCache';
import { ResyncingInformer } from './ResyncingInformer';

// The host index with a hand-driven informer; the real one runs in the
// integration tests (install with an Ingress, a taken host refused).

function setup() {
  const handlers: Record<string, (i: V1Ingress) => void> = {};
  const store = new Map<string, V1Ingress>();
  let synced = true;
  const fake = {
    onAdd: (h: (i: V1Ingress) => void) => (handlers.add = h),
    onUpdate: (h: (i: V1Ingress) => void) => (handlers.update = h),
    onDelete: (h: (i: V1Ingress) => void) => (handlers.delete = h),
    hasSynced: () => synced,
    get: (name: string, namespace: string) => store.get(`${namespace}/${name}`),
  };
  const cache = new IngressCache(
    fake as unknown as ResyncingInformer<V1Ingress>,
  );
  const put = (ing: V1Ingress, verb: 'add' | 'update' = 'add') => {
    store.set(`${ing.metadata!.namespace}/${ing.metadata!.name}`, ing);
    handlers[verb](ing);
  };
  const remove = (ing: V1Ingress) => {
    store.delete(`${ing.metadata!.namespace}/${ing.metadata!.name}`);
    handlers.delete(ing);
  };
  return { cache, put, remove, unsync: () => (synced = false) };
}

const ingress = (
  namespace: string,
  name: string,
  hosts: string[],
  rv = '1',
): V1Ingress & KubernetesObject => ({
  metadata: { namespace, name, resourceVersion: rv },
  spec: { rules: hosts.map(host => ({ host })) },
});

describe('IngressCache', () => {
  it('finds who serves a host (normalized), leaving the asking Ingress out', () => {
    const { cache, put } = setup();
    put(ingress('paas-ws-a', 'paas-ws-a-x', ['App.Example.com']));
    expect(cache.servedBy('app.example.com')).toEqual([
      { namespace: 'paas-ws-a', name: 'paas-ws-a-x' },
    ]);
    expect(
      cache.servedBy('app.example.com', {
        namespace: 'paas-ws-a',
        name: 'paas-ws-a-x',
      }),
    ).toEqual([]);
    expect(cache.servedBy('other.example.com')).toEqual([]);
  });

  it('follows updates and deletes', () => {
    const { cache, put, remove } = setup();
    const first = ingress('kube-system', 'edge', ['a.example.com']);
    put(first);
    put(ingress('kube-system', 'edge', ['b.example.com'], '2'), 'update');
    expect(cache.servedBy('a.example.com')).toEqual([]);
    expect(cache.servedBy('b.example.com')).toHaveLength(1);
    remove(first);
    expect(cache.servedBy('b.example.com')).toEqual([]);
  });

  it('waits for the operator’s own write, and answers 503 before the first list', async () => {
    const { cache, put, unsync } = setup();
    const key = { namespace: 'paas-ws-a', name: 'paas-ws-a-x' };
    const seen = cache.waitFor(key, true, 60_000, '5');
    put(ingress('paas-ws-a', 'paas-ws-a-x', ['x.example.com'], '4'));
    put(ingress('paas-ws-a', 'paas-ws-a-x', ['x.example.com'], '5'), 'update');
    await expect(seen).resolves.toBe(true);
    await expect(cache.waitFor(key, false, 1)).resolves.toBe(false);
    unsync();
    expect(() => cache.servedBy('x.example.com')).toThrow(
      expect.objectContaining({ name: 'ServiceUnavailableError' }),
    );
  });
});
