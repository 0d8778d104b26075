import {
  customDomainProblem,
  customDomainSchema,
  domainProofRecords,
} from './customDomain';

const platform = { baseDomain: 'woowtech.com', subdomain: 'shop' };

describe('custom domain rules', () => {
  it('normalises case and a trailing dot', () => {
    expect(customDomainSchema.parse(' App.Example.COM. ')).toBe(
      'app.example.com',
    );
  });

  it.each([
    [
      'localhost',
      'must be a fully qualified domain name such as app.example.com',
    ],
    ['printer.local', 'is reserved: names under .local are not public'],
    ['db.svc.cluster.local', 'is reserved: names under .local are not public'],
    ['kubernetes.default.svc', 'is reserved'],
    ['api.internal', 'is reserved: names under .internal are not public'],
    ['x.test', 'is reserved: names under .test are not public'],
    ['woowtech.com', "is the platform's domain woowtech.com"],
    ['WOOWTECH.com.', "is the platform's domain woowtech.com"],
    [
      'other.woowtech.com',
      "is under the platform's domain woowtech.com: addresses there are given out as subdomains",
    ],
    [
      'a.b.woowtech.com',
      "is under the platform's domain woowtech.com: addresses there are given out as subdomains",
    ],
    [
      'not a domain',
      'must be a fully qualified domain name such as app.example.com',
    ],
  ])('refuses %p: %s', (domain, problem) => {
    expect(customDomainProblem(domain, platform)).toBe(problem);
  });

  it('refuses a parent of the platform domain', () => {
    expect(
      customDomainProblem('woowtech.com', { baseDomain: 'apps.woowtech.com' }),
    ).toBe("is a parent of the platform's domain apps.woowtech.com");
  });

  it.each([
    'app.example.com',
    'shop.woowtech.com',
    'woowtech.com.evil.org',
    'notwoowtech.com',
  ])('accepts %p', domain => {
    expect(customDomainProblem(domain, platform)).toBeUndefined();
  });

  it('offers a CNAME to the service and a TXT token', () => {
    expect(
      domainProofRecords('app.example.com', 'shop.woowtech.com', 'abc'),
    ).toEqual([
      { type: 'CNAME', name: 'app.example.com', value: 'shop.woowtech.com' },
      {
        type: 'TXT',
        name: '_woow-challenge.app.example.com',
        value: 'woow-domain-verification=abc',
      },
    ]);
  });
});
