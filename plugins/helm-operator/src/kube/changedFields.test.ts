import { changedFieldPaths } from './changedFields';

const sts = (storage: string, image = 'redis:7') => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', labels: { rev: storage } },
  spec: {
    template: { spec: { containers: [{ name: 'db', image }] } },
    volumeClaimTemplates: [
      {
        metadata: { name: 'data' },
        spec: { resources: { requests: { storage } } },
      },
    ],
  },
});

describe('changedFieldPaths', () => {
  it('names the changed fields under the fields the API server named, never metadata', () => {
    expect(changedFieldPaths(sts('4Gi'), sts('8Gi'), ['spec'])).toEqual([
      'spec.volumeClaimTemplates[0].spec.resources.requests.storage',
    ]);
  });

  it('keeps to the named fields when several changed', () => {
    expect(
      changedFieldPaths(sts('4Gi'), sts('8Gi', 'redis:8'), ['spec.template']),
    ).toEqual(['spec.template.spec.containers[0].image']);
    expect(changedFieldPaths(sts('4Gi'), sts('8Gi', 'redis:8'), [])).toEqual([
      'spec.template.spec.containers[0].image',
      'spec.volumeClaimTemplates[0].spec.resources.requests.storage',
    ]);
  });

  it('falls back to the named fields without the deployed object or a change there', () => {
    expect(changedFieldPaths(undefined, sts('8Gi'), ['spec'])).toEqual([
      'spec',
    ]);
    expect(changedFieldPaths(sts('4Gi'), sts('4Gi'), ['spec.x'])).toEqual([
      'spec.x',
    ]);
  });
});
