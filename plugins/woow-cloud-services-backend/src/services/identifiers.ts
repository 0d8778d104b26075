import {
  DEFAULT_NAMESPACE_PREFIX,
  MAX_RELEASE_NAME_LENGTH,
  releaseNameFor,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SUFFIX_LENGTH = 5;

export function randomSuffix(length = SUFFIX_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Longest reference ID whose release name still fits helm's 53 characters. */
export function maxReferenceIdLength(
  workspaceId: string,
  prefix = DEFAULT_NAMESPACE_PREFIX,
): number {
  // `{prefix}{workspaceId}-{referenceId}`
  return MAX_RELEASE_NAME_LENGTH - prefix.length - workspaceId.length - 1;
}

/** Cuts a slug to `max` characters without leaving a trailing '-'. */
function truncateLabel(value: string, max: number): string {
  return value.slice(0, Math.max(0, max)).replace(/-+$/, '');
}

/**
 * `{slug}-{5 random [a-z0-9]}`, the slug shortened so that the release name
 * `paas-ws-{workspaceId}-{referenceId}` fits in 53 characters. Generated once
 * per service and never changed.
 */
export function generateReferenceId(
  slug: string,
  workspaceId: string,
  prefix = DEFAULT_NAMESPACE_PREFIX,
): string {
  const max = maxReferenceIdLength(workspaceId, prefix);
  const head = truncateLabel(slug, max - SUFFIX_LENGTH - 1);
  const referenceId = head
    ? `${head}-${randomSuffix()}`
    : randomSuffix(Math.min(SUFFIX_LENGTH, max));
  if (
    releaseNameFor(workspaceId, referenceId, prefix).length >
    MAX_RELEASE_NAME_LENGTH
  ) {
    throw new Error(
      `workspace id ${workspaceId} leaves no room for a release name`,
    );
  }
  return referenceId;
}

/** A workspace id from its name: `{slug of name}-{4 random}`, at most 20 characters. */
export function generateWorkspaceId(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const head = truncateLabel(slug, 15);
  return head ? `${head}-${randomSuffix(4)}` : `ws-${randomSuffix(6)}`;
}
