import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { makeMetrics } from '../../__testUtils__/fixtures';
import { formatBytes, formatCores, formatMetricValue } from '../../lib/format';
import { latestValue, toChartRows } from './chartData';
import { MetricsChart } from './MetricsChart';

const metrics = makeMetrics();
const byName = (name: string) => metrics.series.filter(s => s.name === name);

describe('toChartRows', () => {
  it('keeps missing samples as null so the chart shows a gap', () => {
    const rows = toChartRows(byName('cpu'));
    expect(rows.map(r => r.cpu)).toEqual([0.1, 0.2, null, 0.25, 0.5]);
  });

  it('aligns series by time and fills a series missing at a time with null', () => {
    const [a] = byName('network_in');
    const b = {
      ...byName('network_out')[0],
      points: [[a.points[4][0], 9]] as [number, number][],
    };
    const rows = toChartRows([a, b]);
    expect(rows).toHaveLength(5);
    expect(rows[0].network_out).toBeNull();
    expect(rows[4].network_out).toBe(9);
  });
});

describe('latestValue', () => {
  it('skips trailing gaps', () => {
    const [s] = byName('cpu');
    expect(
      latestValue({
        ...s,
        points: [
          [1, 0.3],
          [2, null],
        ],
      }),
    ).toBe(0.3);
    expect(latestValue({ ...s, points: [[1, null]] })).toBeNull();
  });
});

describe('formatting', () => {
  it('formats cores, bytes and rates', () => {
    expect(formatCores(0.25)).toBe('0.25 cores');
    expect(formatCores(1)).toBe('1 core');
    expect(formatCores(0.0123)).toBe('0.012 cores');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(536870912)).toBe('512 MiB');
    expect(formatMetricValue(2048, 'bytes/s')).toBe('2 KiB/s');
    expect(formatMetricValue(null, 'bytes')).toBe('no data');
  });
});

describe('MetricsChart', () => {
  it('titles the chart and shows the latest value of each series in its unit', async () => {
    renderInTestApp(
      <MetricsChart
        title="Network"
        unit="bytes/s"
        range="1h"
        series={[...byName('network_in'), ...byName('network_out')]}
      />,
    );
    expect(
      await screen.findByRole('figure', { name: 'Network' }),
    ).toBeInTheDocument();
    expect(screen.getByText('1.5 KiB/s')).toBeInTheDocument();
    expect(screen.getByText('2 KiB/s')).toBeInTheDocument();
  });

  it('draws a gap, not a bridge, over a missing sample', async () => {
    // jsdom lays nothing out; give the responsive container a size to fill.
    jest
      .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
      .mockReturnValue({ width: 600, height: 220 } as DOMRect);
    const { container } = renderInTestApp(
      <MetricsChart
        title="vCPU"
        unit="cores"
        range="1h"
        series={byName('cpu')}
      />,
    );
    await screen.findByRole('figure', { name: 'vCPU' });
    const path = container.querySelector('.recharts-line-curve');
    // Two segments (before and after the null sample) = two "move to" commands.
    expect(path?.getAttribute('d')?.match(/M/g)).toHaveLength(2);
    jest.restoreAllMocks();
  });

  it('marks a sample with gaps on both sides, which no line can show', async () => {
    jest
      .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
      .mockReturnValue({ width: 600, height: 220 } as DOMRect);
    const [cpu] = byName('cpu');
    const { container } = renderInTestApp(
      <MetricsChart
        title="vCPU"
        unit="cores"
        range="1h"
        series={[
          {
            ...cpu,
            points: [
              [1, null],
              [2, null],
              [3, 0.2],
            ],
          },
        ]}
      />,
    );
    await screen.findByRole('figure', { name: 'vCPU' });
    expect(container.querySelectorAll('.woow-isolated-sample')).toHaveLength(1);
    jest.restoreAllMocks();
  });

  it('says when a range has no samples at all', () => {
    const [cpu] = byName('cpu');
    renderInTestApp(
      <MetricsChart
        title="vCPU"
        unit="cores"
        range="24h"
        series={[{ ...cpu, points: [[1, null]] }]}
      />,
    );
    expect(
      screen.getByText('No samples in this time range.'),
    ).toBeInTheDocument();
  });
});
