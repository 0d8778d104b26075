import type { ServiceVolumes } from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * What the delete dialog can honestly offer about the data, from what helm
 * uninstall really does to the release's volumes:
 * - `choose`: the volumes survive uninstall, so keeping them is possible
 *   (the default) and deleting them is a choice;
 * - `deleted`: helm deletes the chart's volumes itself, keeping is impossible;
 * - `none`: the release has no volumes;
 * - `unknown`: it could not be told (the operator did not answer): both are
 *   offered and the operator refuses a keep it cannot honour.
 */
export type DataChoice =
  | { kind: 'choose'; surviving: string[] }
  | { kind: 'deleted'; deleted: string[] }
  | { kind: 'none' }
  | { kind: 'unknown' };

export function dataChoiceOf(volumes: ServiceVolumes | undefined): DataChoice {
  if (!volumes) return { kind: 'unknown' };
  if (volumes.deletedByUninstall.length > 0)
    return { kind: 'deleted', deleted: volumes.deletedByUninstall };
  if (volumes.keepDataPossible)
    return { kind: 'choose', surviving: volumes.survivingUninstall };
  return { kind: 'none' };
}

/** deleteData for the request when the user has no choice to make. */
export function forcedDeleteData(choice: DataChoice): boolean | undefined {
  if (choice.kind === 'deleted') return true;
  if (choice.kind === 'none') return false;
  return undefined;
}
