export { ServiceConfiguration } from './ServiceConfiguration';
export type { ServiceConfigurationProps } from './ServiceConfiguration';
