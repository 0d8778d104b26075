import {
  ChartSourceAllowList,
  DEFAULT_ALLOWED_CHART_SOURCES,
  normalizeChartUrl,
} from './chartSources';

const list = ChartSourceAllowList.fromEntries([
  'https://charts.example.com/stable/',
  'https://whole.example.org',
  'http://127.0.0.1:8879/charts',
  'oci://registry.example.com/charts',
]);

describe('chart source allow list', () => {
  it.each([
    'https://charts.example.com/stable',
    'https://charts.example.com/stable/',
    'https://charts.example.com/stable/sub',
    'HTTPS://Charts.Example.COM/stable',
    'https://charts.example.com:443/stable',
    'https://charts.example.com./stable',
    'https://whole.example.org/anything/below',
    'http://127.0.0.1:8879/charts',
    'http://2130706433:8879/charts',
    'oci://registry.example.com/charts/postgresql',
    'oci://REGISTRY.example.com:443/charts/app:1.0',
  ])('allows %s', url => {
    expect(list.checkUrl(url)).toEqual({ href: expect.any(String) });
  });

  it.each([
    ['https://charts.example.com/stable-evil', /not an allowed/],
    ['https://charts.example.com/other', /not an allowed/],
    ['https://charts.example.com/stable/../other', /not an allowed/],
    ['https://charts.example.com/stable/%2e%2e/other', /encoded/],
    ['https://charts.example.com/stable%2F..%2Fother', /encoded/],
    ['http://charts.example.com/stable', /not an allowed/],
    ['https://charts.example.com:8443/stable', /not an allowed/],
    ['https://charts.example.com@evil.com/stable', /user info/],
    ['https://charts.example.com:443@evil.com/stable', /user info/],
    ['https://user:pw@charts.example.com/stable', /user info/],
    ['https://evil.com/https://charts.example.com/stable', /not an allowed/],
    ['https://charts.example.com.evil.com/stable', /not an allowed/],
    ['https://evil.com\\@charts.example.com/stable', /backslash/],
    ['https://charts.example.com/stable?x=https://evil', /query/],
    ['https://charts.example.com/stable#x', /query or a fragment/],
    [' https://charts.example.com/stable', /whitespace/],
    ['http://127.0.0.1:8880/charts', /not an allowed/],
    ['http://localhost:8879/charts', /not an allowed/],
    ['http://169.254.169.254/latest', /not an allowed/],
    ['http://10.0.0.1/charts', /not an allowed/],
    ['http://[::1]:8879/charts', /not an allowed/],
    ['oci://registry.example.com/chartsx/app', /not an allowed/],
    ['oci://evil.com/charts/app', /not an allowed/],
    ['file:///etc/passwd', /must start with/],
    ['ftp://charts.example.com/stable', /must start with/],
    ['charts.example.com/stable', /must start with/],
  ])('refuses %s', (url, problem) => {
    const result = list.checkUrl(url);
    expect(result).toEqual({ problem: expect.stringMatching(problem) });
  });

  it('hands helm the URL it checked', () => {
    expect(list.checkUrl('HTTPS://Charts.Example.COM:443/stable/x/')).toEqual({
      href: 'https://charts.example.com/stable/x',
    });
    expect(normalizeChartUrl('http://2130706433:8879/charts')).toMatchObject({
      href: 'http://127.0.0.1:8879/charts',
    });
  });

  it('allows local charts only when listed', () => {
    expect(list.checkLocal()).toEqual({
      problem: expect.stringMatching(/local:/),
    });
    expect(
      ChartSourceAllowList.fromEntries(['local:']).checkLocal(),
    ).toBeUndefined();
    expect(
      ChartSourceAllowList.fromEntries(
        DEFAULT_ALLOWED_CHART_SOURCES,
      ).checkLocal(),
    ).toBeUndefined();
  });

  it('refuses config entries that are not prefixes, naming them', () => {
    expect(() =>
      ChartSourceAllowList.fromEntries(
        ['https://a.com', 'https://x@b.com'],
        'k',
      ),
    ).toThrow(
      'Invalid config k[1] "https://x@b.com": must not carry user info',
    );
    expect(() => ChartSourceAllowList.fromEntries(['*'])).toThrow(/must start/);
  });
});
