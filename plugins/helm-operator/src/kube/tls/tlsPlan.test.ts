import { planIngressTls } from './tlsPlan';

const origin = {
  dnsNames: ['*.apps.example.com'],
  notAfter: new Date('2040-01-01T00:00:00Z'),
  issuer: 'Origin CA',
};
const hosts = ['shop.apps.example.com', 'shop.example.org'];

describe('planIngressTls', () => {
  it('none: the preset Secret for the subdomain when one is configured', () => {
    expect(
      planIngressTls({ mode: 'none' }, 'rel', hosts, undefined, 'preset'),
    ).toEqual({
      tls: [{ hosts: ['shop.apps.example.com'], secretName: 'preset' }],
      annotations: {},
    });
  });

  it('none: no tls entries, no annotations', () => {
    expect(planIngressTls({ mode: 'none' }, 'rel', hosts)).toEqual({
      tls: [],
      annotations: {},
    });
  });

  it('originCertificate: the copy serves only the hosts the certificate names', () => {
    const options = {
      mode: 'originCertificate' as const,
      secretNamespace: 'certs',
      secretName: 'origin',
    };
    expect(planIngressTls(options, 'rel', hosts, origin)).toEqual({
      tls: [{ hosts: ['shop.apps.example.com'], secretName: 'rel-origin-tls' }],
      annotations: {},
    });
    // No source certificate (yet): nothing claims TLS.
    expect(planIngressTls(options, 'rel', hosts).tls).toEqual([]);
  });

  it('certManager: the issuer annotation and one secret per host', () => {
    expect(
      planIngressTls(
        { mode: 'certManager', issuerKind: 'ClusterIssuer', issuerName: 'le' },
        'rel',
        hosts,
      ),
    ).toEqual({
      tls: [
        { hosts: ['shop.apps.example.com'], secretName: 'rel-tls' },
        { hosts: ['shop.example.org'], secretName: 'rel-domain-tls' },
      ],
      annotations: { 'cert-manager.io/cluster-issuer': 'le' },
    });
    expect(
      planIngressTls(
        { mode: 'certManager', issuerKind: 'Issuer', issuerName: 'ns-le' },
        'rel',
        hosts,
      ).annotations,
    ).toEqual({ 'cert-manager.io/issuer': 'ns-le' });
  });
});
