export { MetricsChart } from './MetricsChart';
export type { MetricsChartProps } from './MetricsChart';
export { toChartRows, latestValue } from './chartData';
