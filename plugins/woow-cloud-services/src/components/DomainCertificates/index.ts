export { DomainCertificates, CERTIFICATE_LABELS } from './DomainCertificates';
