/*
 * Releases a platform admin chose to leave alone: helm releases of workspace
 * namespaces that no service manages and that the "unmanaged releases" list
 * should no longer show (until someone shows them again).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ignored_releases', table => {
    table.comment('Unmanaged helm releases left alone by a platform admin');
    table.string('namespace', 63).notNullable();
    table.string('release_name', 53).notNullable();
    table.string('ignored_by', 255).notNullable();
    table.timestamp('ignored_at', { useTz: true }).notNullable();
    table.primary(['namespace', 'release_name']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ignored_releases');
};
