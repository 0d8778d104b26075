import { diffManifests, diffValues, flattenValues } from './diff';

describe('diffValues', () => {
  it('lists added, removed and changed leaves by path', () => {
    const before = {
      replicaCount: 1,
      image: { tag: '1.0' },
      env: { A: 'x' },
      list: ['a', 'b'],
      old: true,
    };
    const after = {
      replicaCount: 2,
      image: { tag: '1.0' },
      env: { A: 'x', B: 'y' },
      list: ['a'],
      'dotted.key': {},
    };
    expect(diffValues(before, after)).toEqual({
      added: [
        { path: '["dotted.key"]', value: {} },
        { path: 'env.B', value: 'y' },
      ],
      removed: [
        { path: 'list[1]', value: 'b' },
        { path: 'old', value: true },
      ],
      changed: [{ path: 'replicaCount', from: 1, to: 2 }],
    });
  });

  it('masks values under password-like keys, still showing that they changed', () => {
    const d = diffValues(
      { auth: { password: 'old-secret' } },
      { auth: { password: 'new-secret' }, apiToken: 't0k3n' },
    );
    expect(d.changed).toEqual([
      { path: 'auth.password', from: '***', to: '***' },
    ]);
    expect(d.added).toEqual([{ path: 'apiToken', value: '***' }]);
    expect(JSON.stringify(d)).not.toMatch(/old-secret|new-secret|t0k3n/);
  });

  it('is empty for equal values', () => {
    expect(diffValues({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
    expect([...flattenValues({}).keys()]).toEqual([]);
  });
});

const secret = (pw: string) => `---
# Source: app/templates/secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: app
data:
  password: ${Buffer.from(pw).toString('base64')}
  user: ${Buffer.from('admin').toString('base64')}
`;
const deployment = (replicas: number) => `---
# Source: app/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: ${replicas}
`;

describe('diffManifests', () => {
  it('shows changed objects as a unified diff', () => {
    const out = diffManifests(deployment(1), deployment(3), {
      from: 'revision 1',
      to: 'upgrade',
    });
    expect(out).toContain('--- revision 1');
    expect(out).toContain('+++ upgrade');
    expect(out).toContain('-  replicas: 1');
    expect(out).toContain('+  replicas: 3');
  });

  it('starts at the file header, with no separator line of "=" before it', () => {
    const out = diffManifests(deployment(1), deployment(3), {
      from: 'revision 1',
      to: 'upgrade',
    });
    expect(out.split('\n')[0]).toBe('--- revision 1');
    expect(out).not.toMatch(/^=+$/m);
  });

  it('is empty when nothing changes', () => {
    expect(
      diffManifests(deployment(1) + secret('a'), deployment(1) + secret('a'), {
        from: 'a',
        to: 'b',
      }),
    ).toBe('');
  });

  it('masks Secret data, marking the keys that change', () => {
    const out = diffManifests(secret('old-pw'), secret('new-pw'), {
      from: 'a',
      to: 'b',
    });
    expect(out).not.toContain(Buffer.from('old-pw').toString('base64'));
    expect(out).not.toContain(Buffer.from('new-pw').toString('base64'));
    expect(out).toContain('+  password: "*** (changed)"');
    expect(out).not.toMatch(/[+-] {2}user:/);
  });

  it('redacts the caller secret values wherever they appear', () => {
    const cm = (v: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  conf: "pw=${v}"\n`;
    const out = diffManifests(
      cm('hunter22'),
      cm('hunter33'),
      { from: 'a', to: 'b' },
      ['hunter22', 'hunter33'],
    );
    expect(out).not.toMatch(/hunter22|hunter33/);
  });
});
