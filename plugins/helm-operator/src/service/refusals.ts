import { ClusterRefusal } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { UpgradeRefusedError } from '../errors';

/** One refusal in words: which object, which fields, and the API server's message. */
export function describeRefusal(refusal: ClusterRefusal): string {
  const fields = refusal.fields.length
    ? ` (changing ${refusal.fields.join(', ')})`
    : '';
  return `${refusal.kind} "${refusal.name}"${fields}: ${refusal.message}`;
}

/** Refuses (422) an upgrade the API server would refuse; nothing has been applied then. */
export function assertUpdatable(
  ref: { releaseName: string },
  refusals: readonly ClusterRefusal[],
): void {
  if (!refusals.length) return;
  throw new UpgradeRefusedError(
    `Upgrade of release "${
      ref.releaseName
    }" refused before anything was applied: the cluster would not accept ${refusals
      .map(describeRefusal)
      .join('; ')}`,
  );
}
