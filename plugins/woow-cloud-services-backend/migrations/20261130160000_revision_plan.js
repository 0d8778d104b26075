/*
 * The plan behind each helm revision (issue 14): a rollback to revision N
 * gives the service N's plan (and the quota allocation computed from it)
 * back, as it gives N's values back. Rows recorded before this column get
 * the plan their service records now, the best that is known of them.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('service_revisions', table => {
    table
      .string('plan', 60)
      .nullable()
      .defaultTo(null)
      .comment('Plan id the revision ran with; null when deployed without one');
  });
  await knex('service_revisions').update({
    plan: knex('cloud_services')
      .select('plan')
      .where('cloud_services.id', knex.ref('service_revisions.service_id')),
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('service_revisions', table => {
    table.dropColumn('plan');
  });
};
