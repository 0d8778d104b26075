import { ConfigReader } from '@backstage/config';
import { readTlsOptions } from './tlsOptions';

const read = (tls: object) => readTlsOptions(new ConfigReader(tls));

describe('readTlsOptions', () => {
  it('is none when helmOperator.tls is absent', () => {
    expect(readTlsOptions(undefined)).toEqual({ mode: 'none' });
  });

  it('reads originCertificate with its source Secret', () => {
    expect(
      read({
        mode: 'originCertificate',
        secretNamespace: 'certs',
        secretName: 'origin',
      }),
    ).toEqual({
      mode: 'originCertificate',
      secretNamespace: 'certs',
      secretName: 'origin',
    });
  });

  it('reads certManager; the issuer kind defaults to ClusterIssuer', () => {
    expect(read({ mode: 'certManager', issuerName: 'le' })).toEqual({
      mode: 'certManager',
      issuerKind: 'ClusterIssuer',
      issuerName: 'le',
    });
  });

  it.each([
    [{ mode: 'letsencrypt' }, 'helmOperator.tls.mode "letsencrypt"'],
    [
      { mode: 'originCertificate', secretName: 'x' },
      'helmOperator.tls.secretNamespace',
    ],
    [{ mode: 'certManager' }, 'helmOperator.tls.issuerName'],
    [
      { mode: 'certManager', issuerName: 'le', issuerKind: 'Cluster' },
      'helmOperator.tls.issuerKind "Cluster"',
    ],
  ])('refuses %j naming the key', (tls, key) => {
    expect(() => read(tls)).toThrow(key);
  });
});
