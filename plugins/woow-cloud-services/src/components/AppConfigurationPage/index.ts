export { AppConfigurationPage } from './AppConfigurationPage';
export { SubdomainField } from './SubdomainField';
export type { SubdomainCheck } from './SubdomainField';
