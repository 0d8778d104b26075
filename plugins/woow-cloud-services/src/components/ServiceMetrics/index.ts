export { ServiceMetrics } from './ServiceMetrics';
export { MetricsNotSetUp } from './MetricsNotSetUp';
