import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type {
  MetricSeries,
  MetricsRange,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  formatChartTime,
  formatMetricValue,
  MetricUnit,
} from '../../lib/format';
import { isIsolated, latestValue, toChartRows } from './chartData';

/** What recharts passes to a custom dot. */
interface DotProps {
  key?: string;
  index: number;
  cx?: number;
  cy?: number;
}

export interface MetricsChartProps {
  title: string;
  series: MetricSeries[];
  unit: MetricUnit;
  range: MetricsRange;
  height?: number;
}

const PALETTE = ['#1976d2', '#e65100', '#2e7d32', '#6a1b9a', '#c62828'];

/** One metrics chart; gaps in the data stay gaps. */
export function MetricsChart(props: MetricsChartProps) {
  const { title, series, unit, range, height = 220 } = props;
  const theme = useTheme();
  const rows = toChartRows(series);
  const longRange = range === '7d' || range === '30d';
  const hasSamples = series.some(s => s.points.some(([, v]) => v !== null));

  return (
    <Box component="figure" m={0} aria-label={title}>
      <Typography variant="subtitle1" component="figcaption">
        {title}
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={1}>
        {series.map(s => (
          <Typography key={s.name} variant="body2" color="textSecondary">
            {s.label}:{' '}
            <strong>{formatMetricValue(latestValue(s), unit)}</strong>
          </Typography>
        ))}
      </Box>
      {!hasSamples ? (
        <Typography color="textSecondary">
          No samples in this time range.
        </Typography>
      ) : (
        <ResponsiveContainer
          width="100%"
          height={height}
          initialDimension={{ width: 600, height }}
        >
          <LineChart
            data={rows}
            margin={{ top: 5, right: 16, bottom: 5, left: 8 }}
          >
            <CartesianGrid
              strokeDasharray="3 3"
              stroke={theme.palette.divider}
            />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={t => formatChartTime(t, longRange)}
            />
            <YAxis
              width={96}
              tickFormatter={v => formatMetricValue(v, unit)}
              allowDecimals
            />
            <Tooltip
              labelFormatter={t => new Date(Number(t) * 1000).toLocaleString()}
              formatter={(v: number) => formatMetricValue(v, unit)}
            />
            {series.length > 1 && <Legend />}
            {series.map((s, i) => (
              <Line
                key={s.name}
                dataKey={s.name}
                name={s.label}
                stroke={PALETTE[i % PALETTE.length]}
                dot={(dot: DotProps) =>
                  isIsolated(rows, s.name, dot.index) ? (
                    <circle
                      key={dot.key}
                      className="woow-isolated-sample"
                      cx={dot.cx}
                      cy={dot.cy}
                      r={3}
                      fill={PALETTE[i % PALETTE.length]}
                    />
                  ) : (
                    <g key={dot.key} />
                  )
                }
                connectNulls={false}
                isAnimationActive={false}
                type="monotone"
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </Box>
  );
}
