import { X509Certificate } from 'node:crypto';
import { makeCertificate } from '../../__testUtils__/certificates';
import { certificateCovers, nameCovers, readCertificate } from './x509';

describe('nameCovers', () => {
  it.each([
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'aexample.com', false],
    ['example.com', 'example.com', true],
    ['example.com', 'a.example.com', false],
  ])('%s covers %s: %s', (name, host, covered) => {
    expect(nameCovers(name, host)).toBe(covered);
  });
});

describe('readCertificate', () => {
  it('reads the names, the end of validity and the issuer of a real certificate', async () => {
    const { crt } = await makeCertificate(
      ['*.apps.example.com', 'apps.example.com'],
      10,
    );
    const facts = readCertificate(crt);
    expect(facts.dnsNames).toEqual(['*.apps.example.com', 'apps.example.com']);
    expect(facts.issuer).toBe('Test Origin CA');
    const validFrom = new Date(new X509Certificate(crt).validFrom);
    const days = (facts.notAfter.getTime() - validFrom.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(10);
    expect(certificateCovers(facts, 'Shop.Apps.Example.com')).toBe(true);
    expect(certificateCovers(facts, 'shop.example.org')).toBe(false);
  });
});
