/*
 * Region and Kubernetes cluster of a service (issue 16): every row held the
 * config defaults ("us-east-1", "default") that no code acted on, and the
 * Overview showed them as if they meant something. Dropped until a real
 * multi-cluster or multi-region placement gives them a meaning.
 */

// @ts-check

/*
 * Outside a transaction: on SQLite, knex drops a column by copying the table
 * and dropping the old one, with foreign keys switched off for the copy. In a
 * transaction that switch is ignored, and dropping cloud_services would
 * cascade to every table referencing it (revisions, events...): the upgrade
 * test from release 1 lost the revisions that way.
 */
exports.config = { transaction: false };

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('cloud_services', table => {
    table.dropColumn('k8s_cluster');
    table.dropColumn('region');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('cloud_services', table => {
    table.string('k8s_cluster', 100).notNullable().defaultTo('default');
    table.string('region', 100).notNullable().defaultTo('us-east-1');
  });
};
