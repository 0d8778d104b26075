import { TestDnsServer } from '../../__testUtils__/TestDnsServer';
import { DnsProofChecker } from './DnsProofChecker';

// Real DNS over UDP: the checker asks a server of the test's own on loopback.

describe('DnsProofChecker', () => {
  let dns: TestDnsServer;
  let checker: DnsProofChecker;
  const expected = { cnameTarget: 'shop.woow.test', token: 'tok123' };

  beforeEach(async () => {
    dns = await TestDnsServer.start();
    checker = new DnsProofChecker({ servers: [dns.address], timeoutMs: 2000 });
  });
  afterEach(() => dns.close());

  it('says what is missing while there is no record', async () => {
    expect(await checker.check('app.acme.org', expected)).toEqual({
      proven: false,
      kind: 'missing',
      message:
        'No CNAME record for app.acme.org and no TXT record at _woow-challenge.app.acme.org yet',
    });
    expect(dns.questions).toEqual([
      'CNAME app.acme.org',
      'TXT _woow-challenge.app.acme.org',
    ]);
  });

  it('accepts a CNAME to the service, whatever its case or trailing dot', async () => {
    dns.set('app.acme.org', 'CNAME', ['Shop.Woow.Test.']);
    expect(await checker.check('app.acme.org', expected)).toEqual({
      proven: true,
      by: 'CNAME',
    });
  });

  it('refuses a CNAME to another host, naming both', async () => {
    dns.set('app.acme.org', 'CNAME', ['other.woow.test']);
    expect(await checker.check('app.acme.org', expected)).toEqual({
      proven: false,
      kind: 'wrong',
      message:
        'app.acme.org has a CNAME to other.woow.test, not to shop.woow.test',
    });
  });

  it('does not take an A record as proof', async () => {
    dns.set('app.acme.org', 'A', ['127.0.0.1']);
    expect(await checker.check('app.acme.org', expected)).toMatchObject({
      proven: false,
      kind: 'missing',
    });
  });

  it('accepts the TXT token at _woow-challenge, among other TXT records', async () => {
    dns.set('_woow-challenge.acme.org', 'TXT', [
      'v=spf1 -all',
      'woow-domain-verification=tok123',
    ]);
    expect(await checker.check('acme.org', expected)).toEqual({
      proven: true,
      by: 'TXT',
    });
  });

  it('refuses another token', async () => {
    dns.set('_woow-challenge.acme.org', 'TXT', [
      'woow-domain-verification=someone-elses',
    ]);
    expect(await checker.check('acme.org', expected)).toEqual({
      proven: false,
      kind: 'wrong',
      message:
        "The TXT record at _woow-challenge.acme.org does not hold this service's token",
    });
  });
});
