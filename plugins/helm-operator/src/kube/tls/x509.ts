import { X509Certificate } from 'node:crypto';
import { isDomainOrUnder } from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** What the status needs from a certificate: never the key, never the PEM. */
export interface CertificateFacts {
  dnsNames: string[];
  notAfter: Date;
  issuer: string;
}

/** The leaf certificate of a `tls.crt` PEM bundle (the first one). */
export function readCertificate(pem: string): CertificateFacts {
  const cert = new X509Certificate(pem);
  const dnsNames = (cert.subjectAltName ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(s => s.startsWith('DNS:'))
    .map(s => s.slice(4).toLowerCase());
  const cn = /(?:^|\n)O=(.*)/.exec(cert.issuer)?.[1] ?? cert.issuer;
  return { dnsNames, notAfter: new Date(cert.validTo), issuer: cn.trim() };
}

/**
 * Whether a certificate name covers `host` (RFC 6125): exact, or a wildcard
 * `*.example.com` for exactly one label more (`a.example.com`, not
 * `example.com` nor `a.b.example.com`).
 */
export function nameCovers(name: string, host: string): boolean {
  if (!name.startsWith('*.')) return name === host;
  const parent = name.slice(2);
  const dot = host.indexOf('.');
  return (
    dot > 0 && host.slice(dot + 1) === parent && isDomainOrUnder(host, parent)
  );
}

export function certificateCovers(
  facts: CertificateFacts,
  host: string,
): boolean {
  return facts.dnsNames.some(n => nameCovers(n, host.toLowerCase()));
}
