import fs from 'node:fs';
import type { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import {
  createTestDatabases,
  POSTGRES_ID,
  postgresRequired,
} from '../__testUtils__/testDatabases';

const TABLES = [
  'workspaces',
  'workspace_members',
  'app_templates',
  'cloud_services',
  'service_revisions',
  'service_events',
  'woow_sequences',
  'custom_domain_verifications',
  'ignored_releases',
  'service_backups',
  'backup_schedules',
  'backup_restores',
];

async function tableNames(knex: Knex): Promise<string[]> {
  const names: string[] = [];
  for (const table of TABLES) {
    if (await knex.schema.hasTable(table)) names.push(table);
  }
  return names;
}

/** The message a promise rejects with ('resolved' when it does not). */
async function failureOf(promise: PromiseLike<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return String((error as Error)?.message ?? error);
  }
}

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = createTestDatabases();
  const files = fs
    .readdirSync(migrationsDir)
    .filter(f => f.endsWith('.js'))
    .sort();

  it('covers PostgreSQL whenever the run requires it', () => {
    expect(databases.supports(POSTGRES_ID) || !postgresRequired()).toBe(true);
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(databases.eachSupportedId())(
    'runs every migration up and down on %p',
    async id => {
      const knex = await databases.init(id);
      for (const file of files) {
        await knex.migrate.up({ directory: migrationsDir, name: file });
      }
      expect(await tableNames(knex)).toEqual(TABLES);
      const [, pending] = await knex.migrate.list({ directory: migrationsDir });
      expect(pending).toEqual([]);

      // The unique constraints the design relies on are in the database itself.
      const now = new Date();
      await knex('workspaces').insert({
        id: 'ws',
        name: 'ws',
        created_by: 'user:default/a',
        created_at: now,
        updated_at: now,
      });
      const template = {
        id: 't1',
        slug: 'app',
        name: 'App',
        description: 'd',
        category: 'web',
        tags: '[]',
        monthly_price: 1,
        helm_repo_url: 'local:',
        helm_chart_name: 'app',
        helm_chart_version: '1.0.0',
        helm_default_values: '{}',
        helm_value_specs: '{}',
        default_port: 80,
        ingress_enabled: true,
        min_vcpu: 1,
        min_ram_gb: 1,
        min_storage_gb: 1,
        is_active: true,
        source: 'api',
        created_at: now,
        updated_at: now,
      };
      await knex('app_templates').insert(template);
      const service = (n: number, subdomain: string, referenceId: string) => ({
        id: `s${n}`,
        workspace_id: 'ws',
        template_id: 't1',
        name: 'svc',
        reference_id: referenceId,
        deployment_id: `#${n}`,
        state: 'pending',
        subdomain,
        internal_port: 80,
        helm_release_name: 'r',
        helm_namespace: 'paas-ws-ws',
        helm_values: '{}',
        helm_default_values: '{}',
        helm_chart_version: '1.0.0',
        allocated_vcpu: 1,
        allocated_ram_gb: 1,
        allocated_storage_gb: 1,
        created_by: 'user:default/a',
        created_at: now,
        updated_at: now,
      });
      await knex('cloud_services').insert(service(1, 'one', 'ref-1'));
      expect(
        await failureOf(
          knex('cloud_services').insert(service(2, 'one', 'ref-2')),
        ),
      ).toMatch(/UNIQUE|duplicate key/i);
      expect(
        await failureOf(
          knex('cloud_services').insert(service(3, 'three', 'ref-1')),
        ),
      ).toMatch(/UNIQUE|duplicate key/i);
      await knex('cloud_services').del();
      await knex('app_templates').del();
      await knex('workspaces').del();

      for (const file of [...files].reverse()) {
        await knex.migrate.down({ directory: migrationsDir, name: file });
      }
      expect(await tableNames(knex)).toEqual([]);
      await knex.destroy();
    },
  );
});
