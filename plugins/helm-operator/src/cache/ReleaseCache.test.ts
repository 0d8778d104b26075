import { mockServices } from '@backstage/backend-test-utils';
import { V1Secret } from '@kubernetes/client-node';
import { releaseSecret } from '../__testUtils__/releaseSecrets';
import { ReleaseCache, ReleaseSecretSource } from './ReleaseCache';

// The cache's own rules with a hand-driven event source; the real informer
// against the API server is in releaseCache.integration.test.ts.

function setup() {
  const handlers: Record<string, (s: V1Secret) => void> = {};
  let synced = true;
  const source: ReleaseSecretSource = {
    onAdd: h => (handlers.add = h),
    onUpdate: h => (handlers.update = h),
    onDelete: h => (handlers.delete = h),
    hasSynced: () => synced,
    health: () => ({ name: 'helm release secrets', synced, restarts: 0 }),
  };
  const cache = new ReleaseCache(source, {
    namespacePrefix: 'paas-ws-',
    logger: mockServices.logger.mock(),
  });
  return {
    cache,
    handlers,
    setSynced: (v: boolean) => {
      synced = v;
    },
  };
}

const rev = (version: number, status: string, namespace = 'paas-ws-a') =>
  releaseSecret({
    name: `${namespace}-x`,
    namespace,
    version,
    info: { status, last_deployed: `2026-11-30T10:0${version}:00.5Z` },
    chart: { metadata: { name: 'c', version: '0.1.0', appVersion: '1' } },
    config: { v: version },
    manifest: `m${version}`,
  });

const ref = { namespace: 'paas-ws-a', releaseName: 'paas-ws-a-x' };

describe('ReleaseCache', () => {
  it('keeps every revision, oldest first; latest is the highest', () => {
    const { cache, handlers } = setup();
    handlers.add(rev(2, 'deployed'));
    handlers.add(rev(1, 'superseded'));
    expect(cache.revisions(ref).map(r => [r.revision, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
    expect(cache.latest(ref)).toMatchObject({ revision: 2, values: { v: 2 } });
    expect(cache.revision(ref, 1).manifest).toBe('m1');
  });

  it("parses a revision's manifest once, and again for a new revision", () => {
    const { cache, handlers } = setup();
    const manifest = (image: string) =>
      `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - image: ${image}\n`;
    const withManifest = (version: number, image: string) =>
      releaseSecret({
        name: 'paas-ws-a-x',
        namespace: 'paas-ws-a',
        version,
        info: { status: 'deployed' },
        manifest: manifest(image),
      });
    handlers.add(withManifest(1, 'one'));
    const first = cache.manifestObjects(cache.latest(ref));
    expect(first.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/web',
    ]);
    // the same array, not a second parse of the same revision
    expect(cache.manifestObjects(cache.latest(ref))).toBe(first);
    handlers.update(withManifest(1, 'two'));
    const updated = cache.manifestObjects(cache.latest(ref));
    expect(updated).not.toBe(first);
    expect(updated[0].spec.template.spec.containers[0].image).toBe('two');
  });

  it('follows updates and deletes (a delete without payload too)', () => {
    const { cache, handlers } = setup();
    const first = rev(1, 'pending-install');
    handlers.add(first);
    handlers.update(rev(1, 'deployed'));
    expect(cache.latest(ref).status).toBe('deployed');
    // the informer's stored object lost its payload once decoded
    expect(first.data).toBeUndefined();
    handlers.delete(first);
    expect(() => cache.latest(ref)).toThrow(
      'Release "paas-ws-a-x" in namespace "paas-ws-a" was not found',
    );
  });

  it('404 for an unknown release or revision; nothing outside the fence is decoded', () => {
    const { cache, handlers } = setup();
    const outside = rev(1, 'deployed', 'kube-system');
    handlers.add(outside);
    expect(outside.data).toBeUndefined();
    expect(() =>
      cache.latest({ namespace: 'kube-system', releaseName: 'kube-system-x' }),
    ).toThrow(expect.objectContaining({ name: 'NotFoundError' }));
    handlers.add(rev(1, 'deployed'));
    expect(() => cache.revision(ref, 7)).toThrow(/has no such revision/);
  });

  it('answers 503, not 404, before the first list arrived', () => {
    const { cache, setSynced } = setup();
    expect(cache.isWatching()).toBe(true);
    setSynced(false);
    expect(cache.isWatching()).toBe(false);
    expect(() => cache.latest(ref)).toThrow(
      expect.objectContaining({ name: 'ServiceUnavailableError' }),
    );
  });

  it('waitFor resolves when the revision arrives, false when it does not in time', async () => {
    const { cache, handlers } = setup();
    const waiting = cache.waitFor(ref, r => (r?.revision ?? 0) >= 2, 60_000);
    handlers.add(rev(1, 'deployed'));
    handlers.add(rev(2, 'deployed'));
    await expect(waiting).resolves.toBe(true);
    await expect(cache.waitFor(ref, r => r === undefined, 1)).resolves.toBe(
      false,
    );
  });
});
