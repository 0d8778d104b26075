import {
  domainProofRecords,
  type CustomDomainVerification,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceRecord } from '../../database/ServiceStore';

/** The host a custom domain must CNAME to: the service's own address. */
export function cnameTargetOf(
  record: Pick<ServiceRecord, 'subdomain' | 'releasedSubdomain'>,
  baseDomain: string,
): string {
  return `${record.subdomain ?? record.releasedSubdomain ?? ''}.${baseDomain}`;
}

/**
 * The custom domain the service's Ingress may serve: the one asked for, and
 * only once proven. Everything that writes the Ingress asks this.
 */
export function appliedCustomDomain(
  record: Pick<ServiceRecord, 'customDomain' | 'domainVerification'>,
): string | undefined {
  const v = record.domainVerification;
  return record.customDomain &&
    v?.domain === record.customDomain &&
    v.state === 'verified'
    ? record.customDomain
    : undefined;
}

/** The API's view of a custom domain's proof (null without a custom domain). */
export function verificationView(
  record: ServiceRecord,
  baseDomain: string,
): CustomDomainVerification | null {
  const domain = record.customDomain;
  if (!domain) return null;
  const v = record.domainVerification;
  const current = v?.domain === domain ? v : undefined;
  const target = cnameTargetOf(record, baseDomain);
  return {
    domain,
    state: current?.state ?? 'pending',
    message: current?.message ?? null,
    records: v
      ? domainProofRecords(domain, target, v.token)
      : domainProofRecords(domain, target, '').slice(0, 1),
    checkedAt: current?.checkedAt?.toISOString() ?? null,
    verifiedAt: current?.verifiedAt?.toISOString() ?? null,
  };
}
