import { z } from 'zod';

// TLS of a service's domains: how the operator is set to get certificates
// (helmOperator.tls) and where each domain's certificate stands.

/** `active`: served with a valid certificate; `pending`: being issued; `not-covered`: no certificate applies to the host (served over plain HTTP); `expired`; `error`: it could not be issued or read. */
export const certificateStateSchema = z.enum([
  'active',
  'pending',
  'not-covered',
  'expired',
  'error',
]);
export type CertificateState = z.infer<typeof certificateStateSchema>;

export const tlsModeSchema = z.enum([
  'none',
  'originCertificate',
  'certManager',
]);
export type TlsMode = z.infer<typeof tlsModeSchema>;

export const domainTlsSchema = z.object({
  state: certificateStateSchema,
  /** ISO 8601: when the certificate stops being valid. */
  notAfter: z.string().optional(),
  /** Who issued it: the certificate's issuer, or the cert-manager issuer. */
  issuer: z.string().optional(),
  /** Why the state is what it is, for people (never a secret). */
  message: z.string().optional(),
});
export type DomainTls = z.infer<typeof domainTlsSchema>;

export const domainCertificateSchema = z.object({
  host: z.string(),
  tls: domainTlsSchema,
});
export type DomainCertificate = z.infer<typeof domainCertificateSchema>;

/** GET /releases/{ns}/{name}/tls of the operator. */
export const releaseTlsResponseSchema = z.object({
  mode: tlsModeSchema,
  domains: z.array(domainCertificateSchema),
});
export type ReleaseTlsResponse = z.infer<typeof releaseTlsResponseSchema>;

/** GET .../domains of the backend: each domain of a service, its address and its certificate. */
export const serviceDomainSchema = domainCertificateSchema.extend({
  /** The host's address, `https://` or `http://` by `hostUrl`'s rule. */
  url: z.string(),
});
export const serviceDomainsResponseSchema = z.object({
  mode: tlsModeSchema,
  domains: z.array(serviceDomainSchema),
});
export type ServiceDomainsResponse = z.infer<
  typeof serviceDomainsResponseSchema
>;

/**
 * The scheme of a service's subdomain when its certificate state is not read
 * (list paths, the catalog, the scaffolder: no operator call per service).
 * Every Ingress the operator makes names the configured TLS secret
 * (`helmOperator.ingress.tlsSecretName`, required) for the subdomain, so the
 * platform asserts https for it.
 */
export const PLATFORM_SUBDOMAIN_SCHEME = 'https';

/**
 * The address of a host: the one rule for https. With its certificate state
 * known (`GET .../tls`), https only when the certificate is `active`, or when
 * the mode is `none` and the state is `pending`: the Ingress names the
 * configured TLS secret, which is not in the namespace, so Traefik serves
 * its default certificate, as the platform asserts (the state stays
 * `pending` for people to see). Without a known state, the platform's scheme.
 */
export function hostUrl(
  host: string,
  certificate?: { mode: TlsMode; tls: Pick<DomainTls, 'state'> },
): string {
  return `${
    certificate ? knownScheme(certificate) : PLATFORM_SUBDOMAIN_SCHEME
  }://${host}`;
}

function knownScheme(certificate: {
  mode: TlsMode;
  tls: Pick<DomainTls, 'state'>;
}): 'https' | 'http' {
  const { mode, tls } = certificate;
  if (tls.state === 'active') return 'https';
  return mode === 'none' && tls.state === 'pending' ? 'https' : 'http';
}
