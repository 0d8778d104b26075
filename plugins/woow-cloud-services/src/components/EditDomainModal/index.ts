export { EditDomainModal, platformHost } from './EditDomainModal';
export type { EditDomainModalProps } from './EditDomainModal';
