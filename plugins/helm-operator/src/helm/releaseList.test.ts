import {
  helmTimeToIso,
  mapWithLimit,
  splitChart,
  toReleaseSummary,
} from './releaseList';

describe('helm list parsing', () => {
  it.each([
    ['woow-fixture-app-0.1.0', 'woow-fixture-app', '0.1.0'],
    ['postgresql-15.5.0', 'postgresql', '15.5.0'],
    ['my-app-2-1.2.3-rc.1', 'my-app-2', '1.2.3-rc.1'],
    ['app-v1.0.0+build.5', 'app', 'v1.0.0+build.5'],
    ['no-version', 'no-version', ''],
  ])('splits %s into name and version', (chart, name, version) => {
    expect(splitChart(chart)).toEqual({ name, version });
  });

  it('turns Go times into ISO 8601 and leaves unknown text alone', () => {
    expect(helmTimeToIso('2026-11-30 08:00:01.123456789 +0100 CET')).toBe(
      '2026-11-30T07:00:01.123Z',
    );
    expect(helmTimeToIso('2026-11-30 08:00:01 +0000 UTC')).toBe(
      '2026-11-30T08:00:01.000Z',
    );
    expect(helmTimeToIso('yesterday')).toBe('yesterday');
  });

  it('maps an entry, unknown statuses as unknown', () => {
    expect(
      toReleaseSummary(
        {
          name: 'paas-ws-a-x',
          revision: '3',
          updated: '2026-11-30 08:00:01 +0000 UTC',
          status: 'weird',
          chart: 'woow-fixture-app-0.1.0',
          app_version: '1.0',
        },
        'paas-ws-a',
      ),
    ).toEqual({
      namespace: 'paas-ws-a',
      releaseName: 'paas-ws-a-x',
      chart: 'woow-fixture-app',
      chartVersion: '0.1.0',
      appVersion: '1.0',
      status: 'unknown',
      revision: 3,
      updated: '2026-11-30T08:00:01.000Z',
    });
  });

  it('runs at most `limit` calls at once, results in order', async () => {
    let running = 0;
    let most = 0;
    const out = await mapWithLimit([1, 2, 3, 4, 5, 6, 7], 3, async n => {
      running++;
      most = Math.max(most, running);
      await new Promise(r => setImmediate(r));
      running--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(most).toBe(3);
    expect(await mapWithLimit([], 3, async n => n)).toEqual([]);
  });
});
