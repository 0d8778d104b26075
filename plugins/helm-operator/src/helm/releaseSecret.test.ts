import { releaseSecret } from '../__testUtils__/releaseSecrets';
import { decodeReleaseSecret, deployedAtOf } from './releaseSecret';

const release = {
  name: 'paas-ws-a-x',
  namespace: 'paas-ws-a',
  version: 3,
  info: {
    first_deployed: '2026-11-30T10:00:00.1Z',
    last_deployed: '2026-11-30T10:37:52.932717189Z',
    description: 'Upgrade complete',
    status: 'deployed',
    notes: 'Open port 8080.\n',
  },
  chart: {
    metadata: { name: 'woow-fixture-app', version: '0.1.0', appVersion: '1.0' },
    templates: [{ name: 'templates/x.yaml', data: 'big' }],
  },
  config: { replicas: 2, password: 's3cret' },
  manifest: '---\nkind: Deployment\n',
  hooks: [{ manifest: 'kind: Job\n' }],
};

describe('decodeReleaseSecret', () => {
  it('decodes helm’s gzip payload into the parts the operator keeps', () => {
    expect(decodeReleaseSecret(releaseSecret(release))).toEqual({
      namespace: 'paas-ws-a',
      releaseName: 'paas-ws-a-x',
      revision: 3,
      status: 'deployed',
      chart: 'woow-fixture-app',
      chartVersion: '0.1.0',
      appVersion: '1.0',
      lastDeployed: '2026-11-30T10:37:52.932717189Z',
      description: 'Upgrade complete',
      notes: 'Open port 8080.\n',
      manifest: '---\nkind: Deployment\n',
      hooks: ['kind: Job\n'],
      values: { replicas: 2, password: 's3cret' },
    });
  });

  it('reads payloads stored without gzip, and no values or notes as empty', () => {
    const decoded = decodeReleaseSecret(
      releaseSecret(
        { ...release, config: null, info: { status: 'failed' } },
        { gzip: false },
      ),
    );
    expect(decoded).toMatchObject({ values: {}, notes: '', status: 'failed' });
  });

  it('maps a status it does not know to unknown', () => {
    const decoded = decodeReleaseSecret(
      releaseSecret({ ...release, info: { status: 'exploded' } }),
    );
    expect(decoded?.status).toBe('unknown');
  });

  it('skips Secrets that are not release revisions, fails on a broken payload', () => {
    expect(
      decodeReleaseSecret(releaseSecret(release, { type: 'Opaque' })),
    ).toBeUndefined();
    const broken = releaseSecret(release);
    broken.data = { release: Buffer.from('not json').toString('base64') };
    expect(() => decodeReleaseSecret(broken)).toThrow();
  });
});

describe('deployedAtOf', () => {
  it('drops fractional seconds as Go’s RFC 3339 layout does', () => {
    expect(deployedAtOf('2026-11-30T10:37:52.932717189Z')).toBe(
      '2026-11-30T10:37:52Z',
    );
    expect(deployedAtOf('2026-11-30T18:37:52.5+08:00')).toBe(
      '2026-11-30T18:37:52+08:00',
    );
    expect(deployedAtOf('2026-11-30T10:37:52Z')).toBe('2026-11-30T10:37:52Z');
  });
});
