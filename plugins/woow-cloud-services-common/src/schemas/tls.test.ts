import { hostUrl, type CertificateState, type TlsMode } from './tls';

const url = (mode: TlsMode, state: CertificateState) =>
  hostUrl('shop.apps.test', { mode, tls: { state } });

describe('hostUrl', () => {
  it('is https for an active certificate in every mode', () => {
    expect(url('originCertificate', 'active')).toBe('https://shop.apps.test');
    expect(url('certManager', 'active')).toBe('https://shop.apps.test');
    expect(url('none', 'active')).toBe('https://shop.apps.test');
  });

  it('is http for a certificate not covering, expired, in error or being issued', () => {
    for (const state of ['not-covered', 'expired', 'error'] as const) {
      expect(url('certManager', state)).toBe('http://shop.apps.test');
      expect(url('none', state)).toBe('http://shop.apps.test');
    }
    expect(url('certManager', 'pending')).toBe('http://shop.apps.test');
    expect(url('originCertificate', 'pending')).toBe('http://shop.apps.test');
  });

  it('is https for a pending certificate in mode none: the configured TLS secret the platform asserts', () => {
    expect(url('none', 'pending')).toBe('https://shop.apps.test');
  });

  it("is the platform's scheme when the state is not known", () => {
    expect(hostUrl('shop.apps.test')).toBe('https://shop.apps.test');
  });
});
