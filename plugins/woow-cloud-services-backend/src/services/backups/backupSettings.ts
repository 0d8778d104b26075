import type { Config } from '@backstage/config';

const GIB = 1024 ** 3;

/** woowCloudServices.backups.* (config.d.ts documents each key). */
export interface BackupSettings {
  /** Backup storage a workspace may hold, in bytes; null: no limit. */
  quotaBytesFor(workspaceId: string): number | null;
  /** Which config key set the limit for a workspace (named in the 4xx). */
  quotaKeyFor(workspaceId: string): string;
  /** A restore not finished by then is failed (the service goes back to running). */
  restoreTimeoutSeconds: number;
}

export const DEFAULT_BACKUP_QUOTA_GB = 20;

export function readBackupSettings(config: Config): BackupSettings {
  const root = config.getOptionalConfig('woowCloudServices.backups');
  const defaultGb =
    root?.getOptionalNumber('quotaGbPerWorkspace') ?? DEFAULT_BACKUP_QUOTA_GB;
  const overrides = root?.getOptionalConfig('workspaceQuotaGb');
  const gbFor = (workspaceId: string) =>
    overrides?.getOptionalNumber(workspaceId) ?? defaultGb;
  for (const [key, value] of [
    ['quotaGbPerWorkspace', defaultGb],
    ...(overrides?.keys() ?? []).map(k => [
      `workspaceQuotaGb.${k}`,
      overrides!.getNumber(k),
    ]),
  ] as Array<[string, number]>) {
    if (!(value >= 0)) {
      throw new Error(
        `Invalid config woowCloudServices.backups.${key}: a number of GB, 0 or more (0: no limit)`,
      );
    }
  }
  return {
    quotaBytesFor: workspaceId => {
      const gb = gbFor(workspaceId);
      return gb === 0 ? null : Math.round(gb * GIB);
    },
    quotaKeyFor: workspaceId =>
      overrides?.has(workspaceId)
        ? `woowCloudServices.backups.workspaceQuotaGb.${workspaceId}`
        : 'woowCloudServices.backups.quotaGbPerWorkspace',
    restoreTimeoutSeconds:
      root?.getOptionalNumber('restoreTimeoutSeconds') ?? 1800,
  };
}
