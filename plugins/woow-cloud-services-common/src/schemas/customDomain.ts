import { z } from 'zod';

// The rules a custom domain must meet, written once: the backend enforces
// them (with uniqueness, which only it can check), the frontend's form shows
// them before sending, the operator repeats the base-domain rule.

/** Host names no service may claim, whatever the platform's domain. */
export const RESERVED_DOMAINS: ReadonlySet<string> = new Set([
  'localhost',
  'localhost.localdomain',
  'kubernetes.default',
  'kubernetes.default.svc',
  'metadata.google.internal',
]);

/**
 * Suffixes nobody can own on the public internet (RFC 6761/6762, cluster
 * DNS): a domain under one could only ever resolve inside a network.
 */
export const RESERVED_DOMAIN_SUFFIXES: readonly string[] = [
  'localhost',
  'local',
  'localdomain',
  'internal',
  'intranet',
  'lan',
  'home.arpa',
  'arpa',
  'invalid',
  'test',
  'svc',
  'cluster.local',
];

const FQDN =
  /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** `App.Example.COM.` -> `app.example.com`: one spelling per host name. */
export function normalizeDomain(value: string): string {
  return value.trim().toLowerCase().replace(/\.$/, '');
}

/** Whether `domain` is `suffix` or a name under it. */
export function isDomainOrUnder(domain: string, suffix: string): boolean {
  return domain === suffix || domain.endsWith(`.${suffix}`);
}

/** Why `domain` may never be a custom domain of any service, if it may not. */
export function reservedDomainProblem(domain: string): string | undefined {
  if (RESERVED_DOMAINS.has(domain)) return 'is reserved';
  const suffix = RESERVED_DOMAIN_SUFFIXES.find(s => isDomainOrUnder(domain, s));
  return suffix
    ? `is reserved: names under .${suffix} are not public`
    : undefined;
}

/**
 * Why `domain` may not be this service's custom domain because of the
 * platform's own domain: the base domain itself, a parent of it, or any
 * name under it other than the service's own `{subdomain}.{baseDomain}`
 * (those are other services' addresses, or the platform's).
 */
export function platformDomainProblem(
  domain: string,
  platform: { baseDomain: string; subdomain?: string },
): string | undefined {
  const base = normalizeDomain(platform.baseDomain);
  if (!base) return undefined;
  if (domain === base) return `is the platform's domain ${base}`;
  if (isDomainOrUnder(base, domain))
    return `is a parent of the platform's domain ${base}`;
  if (isDomainOrUnder(domain, base)) {
    if (platform.subdomain && domain === `${platform.subdomain}.${base}`)
      return undefined;
    return `is under the platform's domain ${base}: addresses there are given out as subdomains`;
  }
  return undefined;
}

/**
 * A domain the user owns, e.g. `ai.example.com`: normalised (lower case, no
 * trailing dot), fully qualified, not reserved. The platform-domain rule needs
 * the base domain and is applied by `customDomainProblem`.
 */
export const customDomainSchema = z
  .string()
  .transform(normalizeDomain)
  .pipe(
    z
      .string()
      .max(253, 'must be at most 253 characters')
      .regex(
        FQDN,
        'must be a fully qualified domain name such as app.example.com',
      )
      .superRefine((domain, ctx) => {
        const problem = reservedDomainProblem(domain);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  );

/**
 * Every rule but uniqueness: format, reserved names, the platform's domain.
 * Input is normalised first; returns the first problem, or undefined.
 */
export function customDomainProblem(
  value: string,
  platform: { baseDomain: string; subdomain?: string },
): string | undefined {
  const domain = normalizeDomain(value);
  const format = customDomainSchema.safeParse(domain);
  if (!format.success) return format.error.issues[0].message;
  return platformDomainProblem(domain, platform);
}

/** Where the ownership token goes: a TXT record at `_woow-challenge.{domain}`. */
export const DOMAIN_CHALLENGE_PREFIX = '_woow-challenge';
/** The TXT record's value is `woow-domain-verification={token}`. */
export const DOMAIN_CHALLENGE_VALUE_PREFIX = 'woow-domain-verification=';

/**
 * Where a custom domain stands: `pending` (waiting for DNS: no record yet),
 * `failed` (a record is there but says something else, or the web address
 * could not take the domain; re-checked all the same), `verified` (proven
 * and served by the service's Ingress).
 */
export const customDomainStateSchema = z.enum([
  'pending',
  'verified',
  'failed',
]);
export type CustomDomainState = z.infer<typeof customDomainStateSchema>;

/** One DNS record that proves ownership; either of those offered will do. */
export const dnsRecordSchema = z.object({
  type: z.enum(['CNAME', 'TXT']),
  name: z.string(),
  value: z.string(),
});
export type DnsRecord = z.infer<typeof dnsRecordSchema>;

export const customDomainVerificationSchema = z.object({
  domain: z.string(),
  state: customDomainStateSchema,
  /** What the last check found, in words (why it failed, what is missing). */
  message: z.string().nullable(),
  /** The records the user may set: a CNAME to the service, or a TXT token. */
  records: z.array(dnsRecordSchema),
  checkedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});
export type CustomDomainVerification = z.infer<
  typeof customDomainVerificationSchema
>;

/** The two records that prove `domain` belongs to the service's owner. */
export function domainProofRecords(
  domain: string,
  target: string,
  token: string,
): DnsRecord[] {
  return [
    { type: 'CNAME', name: domain, value: target },
    {
      type: 'TXT',
      name: `${DOMAIN_CHALLENGE_PREFIX}.${domain}`,
      value: `${DOMAIN_CHALLENGE_VALUE_PREFIX}${token}`,
    },
  ];
}
