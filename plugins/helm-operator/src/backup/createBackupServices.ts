import { LoggerService } from '@backstage/backend-plugin-api';
import { ReleaseCache } from '../cache/ReleaseCache';
import { KubeClients } from '../kube/KubeClients';
import { ReleaseVolumes } from '../kube/ReleaseVolumes';
import { BackupCredentials } from './BackupCredentials';
import { BackupJobs } from './BackupJobs';
import { BackupManager } from './BackupManager';
import { BackupOptions } from './backupOptions';
import { JobWatch } from './JobWatch';
import { ReleaseWorkloads } from './ReleaseWorkloads';
import { RestoreManager } from './RestoreManager';

export interface BackupServices {
  backups: BackupManager;
  restores: RestoreManager;
}

/**
 * The backup services, when helmOperator.backups is configured. They act in
 * workspace namespaces as the namespace's deployer (workspaceKube).
 */
export function createBackupServices(deps: {
  options?: BackupOptions;
  workspaceKube: KubeClients;
  releases: ReleaseCache;
  logger: LoggerService;
}): BackupServices | undefined {
  const { options, workspaceKube, releases } = deps;
  if (!options) return undefined;
  const logger = deps.logger.child({ component: 'backups' });
  const jobs = new BackupJobs(workspaceKube);
  const credentials = new BackupCredentials(workspaceKube, options);
  const workloads = new ReleaseWorkloads(workspaceKube);
  const watch = new JobWatch(jobs, logger);
  const backups = new BackupManager({
    options,
    jobs,
    credentials,
    releases,
    volumes: new ReleaseVolumes(workspaceKube),
    workloads,
    watch,
    logger,
  });
  const restores = new RestoreManager({
    options,
    backups,
    jobs,
    credentials,
    workloads,
    watch,
    logger,
  });
  return { backups, restores };
}
