import { NotImplementedError } from '@backstage/errors';
import { BackupServices } from '../backup/createBackupServices';
import { Fence } from '../fence';
import { contractRoutes } from './contractRoutes';

/**
 * The backup routes (issue 17), fenced like the others: namespace and release
 * pass the fence, ids are DNS labels (the route table's schema), bodies are
 * strict; nothing reaches the Kubernetes API before. Without
 * helmOperator.backups: 501 with the reason.
 */
export function createBackupRoutes(
  on: ReturnType<typeof contractRoutes>,
  options: { fence: Fence; backupServices?: BackupServices },
): void {
  const { fence, backupServices } = options;
  const release = (params: { namespace: string; name: string }) =>
    fence.release(params.namespace, params.name);
  const services = (): BackupServices => {
    if (!backupServices)
      throw new NotImplementedError(
        'Backups are not configured on this operator (helmOperator.backups is absent)',
      );
    return backupServices;
  };

  on('createBackup', async ({ params, body }) => ({
    backup: await services().backups.create(release(params), body.id),
  }));
  on('listBackups', async ({ params }) => ({
    backups: await services().backups.list(release(params)),
  }));
  on('getBackup', async ({ params }) => ({
    backup: await services().backups.get(release(params), params.id),
  }));
  on('deleteBackup', async ({ params }) => {
    await services().backups.delete(release(params), params.id);
  });
  on('createRestore', async ({ params, body }) => {
    const ref = release(params);
    if (body.sourceRelease) fence.release(ref.namespace, body.sourceRelease);
    return { restore: await services().restores.create(ref, body) };
  });
  on('getRestore', async ({ params }) => ({
    restore: await services().restores.get(release(params), params.id),
  }));
}
