import { z } from 'zod';

/** Prefix of every namespace the operator may act in (configurable there). */
export const DEFAULT_NAMESPACE_PREFIX = 'paas-ws-';

/** Helm refuses release names longer than this. */
export const MAX_RELEASE_NAME_LENGTH = 53;

/**
 * A DNS-1123 label's characters: lower-case alphanumerics and '-', starting
 * and ending with an alphanumeric. The one definition of the rule (length
 * limits are the caller's: 63 for a label, less where a name is built on it).
 */
export const DNS_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: lower-case alphanumerics and '-', at most 63 characters. */
export const dnsLabelSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(63, 'must be at most 63 characters')
  .regex(
    DNS_LABEL_PATTERN,
    'must be a DNS label: lower-case letters, digits and "-", starting and ending with a letter or digit',
  );

export function isDnsLabel(value: string): boolean {
  return dnsLabelSchema.safeParse(value).success;
}

/** `paas-ws-{workspaceId}` */
export function namespaceFor(
  workspaceId: string,
  prefix: string = DEFAULT_NAMESPACE_PREFIX,
): string {
  return `${prefix}${workspaceId}`;
}

/** `paas-ws-{workspaceId}-{referenceId}`: shares the namespace's prefix. */
export function releaseNameFor(
  workspaceId: string,
  referenceId: string,
  prefix: string = DEFAULT_NAMESPACE_PREFIX,
): string {
  return `${namespaceFor(workspaceId, prefix)}-${referenceId}`;
}
