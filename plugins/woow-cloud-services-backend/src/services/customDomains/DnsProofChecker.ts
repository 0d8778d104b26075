import {
  DOMAIN_CHALLENGE_PREFIX,
  DOMAIN_CHALLENGE_VALUE_PREFIX,
  normalizeDomain,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { promises as dns } from 'node:dns';

/** What DNS says about a custom domain's ownership. */
export type DnsProof =
  | { proven: true; by: 'CNAME' | 'TXT' }
  | {
      proven: false;
      /** `missing`: no record yet; `wrong`: a record says something else. */
      kind: 'missing' | 'wrong' | 'lookup-failed';
      message: string;
    };

/** Answers that mean "no such record" rather than "could not ask". */
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/**
 * Proof that whoever asked for a custom domain controls its DNS: a CNAME
 * from the domain to the service's own host, or a TXT record at
 * `_woow-challenge.{domain}` carrying the service's token. Asks the
 * configured servers (`host` or `host:port`) or the system's.
 */
export class DnsProofChecker {
  private readonly resolver: dns.Resolver;

  constructor(options: { servers: string[]; timeoutMs?: number }) {
    this.resolver = new dns.Resolver({
      timeout: options.timeoutMs ?? 3000,
      tries: 2,
    });
    if (options.servers.length) this.resolver.setServers(options.servers);
  }

  async check(
    domain: string,
    expect: { cnameTarget: string; token: string },
  ): Promise<DnsProof> {
    const cname = await this.lookup(() => this.resolver.resolveCname(domain));
    const target = normalizeDomain(expect.cnameTarget);
    if (cname.ok && cname.values.some(v => normalizeDomain(v) === target)) {
      return { proven: true, by: 'CNAME' };
    }
    const txtName = `${DOMAIN_CHALLENGE_PREFIX}.${domain}`;
    const txt = await this.lookup(async () =>
      (await this.resolver.resolveTxt(txtName)).map(chunks => chunks.join('')),
    );
    const wanted = `${DOMAIN_CHALLENGE_VALUE_PREFIX}${expect.token}`;
    if (txt.ok && txt.values.some(v => v.trim() === wanted)) {
      return { proven: true, by: 'TXT' };
    }

    if (cname.ok && cname.values.length) {
      return {
        proven: false,
        kind: 'wrong',
        message: `${domain} has a CNAME to ${cname.values
          .map(normalizeDomain)
          .join(', ')}, not to ${target}`,
      };
    }
    if (txt.ok && txt.values.length) {
      return {
        proven: false,
        kind: 'wrong',
        message: `The TXT record at ${txtName} does not hold this service's token`,
      };
    }
    const failed = [cname, txt].find(r => !r.ok && r.error);
    if (failed && !failed.ok && failed.error) {
      return {
        proven: false,
        kind: 'lookup-failed',
        message: `DNS lookup failed (${failed.error}); will try again`,
      };
    }
    return {
      proven: false,
      kind: 'missing',
      message: `No CNAME record for ${domain} and no TXT record at ${txtName} yet`,
    };
  }

  /** Values of a lookup; "no record" is an empty answer, other failures an error code. */
  private async lookup(
    query: () => Promise<string[]>,
  ): Promise<{ ok: true; values: string[] } | { ok: false; error?: string }> {
    try {
      return { ok: true, values: await query() };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
      return NO_RECORD.has(code) ? { ok: false } : { ok: false, error: code };
    }
  }
}
