/*
 * Backups of services' volumes (restic snapshots taken by the helm-operator),
 * the backup schedule of each service, and restores of backups into a
 * service (the same one or a new one).
 *
 * Backups keep their release name: they outlive the service (delete-service
 * may keep them), so they reference the service without cascading from it.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('service_backups', table => {
    table.comment('Backups of a service (one restic snapshot each)');
    table
      .string('id', 40)
      .primary()
      .notNullable()
      .comment('also the operator backup id (names its Job)');
    table
      .string('workspace_id', 20)
      .notNullable()
      .references('id')
      .inTable('workspaces')
      .onDelete('CASCADE');
    table.string('service_id', 36).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('release', 53).notNullable();
    table.string('kind', 16).notNullable().comment('manual|scheduled');
    table.string('created_by', 255).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pending|running|succeeded|failed');
    table.bigInteger('size_bytes').nullable();
    table.string('snapshot_id', 80).nullable();
    table.text('message').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.index(['service_id', 'created_at'], 'service_backups_service_idx');
    table.index(['workspace_id'], 'service_backups_workspace_idx');
    table.index(['status'], 'service_backups_status_idx');
  });

  await knex.schema.createTable('backup_schedules', table => {
    table.comment('When a service is backed up by itself, and how many kept');
    table
      .string('service_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('cloud_services')
      .onDelete('CASCADE');
    table.string('frequency', 8).notNullable().comment('daily|weekly');
    table.integer('weekday').nullable().comment('0 = Sunday; weekly only');
    table.string('time', 5).notNullable().comment('HH:MM UTC');
    table.integer('retention').notNullable();
    table.boolean('enabled').notNullable();
    table.timestamp('next_run_at', { useTz: true }).nullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['next_run_at'], 'backup_schedules_next_idx');
  });

  await knex.schema.createTable('backup_restores', table => {
    table.comment('A backup written back into a service (same or new)');
    table
      .string('id', 40)
      .primary()
      .notNullable()
      .comment('also the operator restore id');
    table.string('backup_id', 40).notNullable();
    table
      .string('workspace_id', 20)
      .notNullable()
      .references('id')
      .inTable('workspaces')
      .onDelete('CASCADE');
    table.string('target_service_id', 36).notNullable();
    table.string('source_release', 53).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('waiting|pending|running|succeeded|failed');
    table.string('created_by', 255).notNullable();
    table.text('message').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.index(['status'], 'backup_restores_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('backup_restores');
  await knex.schema.dropTable('backup_schedules');
  await knex.schema.dropTable('service_backups');
};
