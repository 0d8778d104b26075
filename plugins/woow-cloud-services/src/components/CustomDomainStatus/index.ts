export { CustomDomainStatus } from './CustomDomainStatus';
export type { CustomDomainStatusProps } from './CustomDomainStatus';
