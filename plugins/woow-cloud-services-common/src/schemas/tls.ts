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
  /** `https://{host}` when its certificate is active, else `http://{host}`. */
  url: z.string(),
});
export const serviceDomainsResponseSchema = z.object({
  mode: tlsModeSchema,
  domains: z.array(serviceDomainSchema),
});
export type ServiceDomainsResponse = z.infer<
  typeof serviceDomainsResponseSchema
>;

/** The address of a host: https only when its certificate is active. */
export function domainUrl(domain: DomainCertificate): string {
  const scheme = domain.tls.state === 'active' ? 'https' : 'http';
  return `${scheme}://${domain.host}`;
}
