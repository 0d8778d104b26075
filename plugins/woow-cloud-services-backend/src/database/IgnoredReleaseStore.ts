import type { IgnoredRelease } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { Knex } from 'knex';

/** Unmanaged releases a platform admin left alone (table `ignored_releases`). */
export class IgnoredReleaseStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<IgnoredRelease[]> {
    const rows = await this.db('ignored_releases').orderBy([
      'namespace',
      'release_name',
    ]);
    return rows.map(r => ({
      namespace: r.namespace,
      releaseName: r.release_name,
      ignoredBy: r.ignored_by,
      ignoredAt: new Date(r.ignored_at).toISOString(),
    }));
  }

  /** Idempotent: leaving a release alone twice keeps the first record. */
  async add(namespace: string, releaseName: string, by: string) {
    await this.db('ignored_releases')
      .insert({
        namespace,
        release_name: releaseName,
        ignored_by: by,
        ignored_at: new Date(),
      })
      .onConflict(['namespace', 'release_name'])
      .ignore();
  }

  async remove(namespace: string, releaseName: string) {
    await this.db('ignored_releases')
      .where({ namespace, release_name: releaseName })
      .delete();
  }
}
