/*
 * Plans (issue 14): a template's sizes (`plans`, JSON array; `default_plan`,
 * its id) and the plan each service runs with (`cloud_services.plan`).
 * Existing templates get no plans until their definition is loaded again;
 * existing services get `plan` null: deployed before plans, their resources
 * are the template's minimum as before.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('app_templates', table => {
    table
      .text('plans')
      .nullable()
      .comment('JSON [{id, name, resources, monthlyPrice, values}]');
    table
      .string('default_plan', 60)
      .nullable()
      .comment('Plan id a launch gets when it names none');
  });
  await knex.schema.alterTable('cloud_services', table => {
    table
      .string('plan', 60)
      .nullable()
      .defaultTo(null)
      .comment('Plan id of the template; null when deployed before plans');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('cloud_services', table => {
    table.dropColumn('plan');
  });
  await knex.schema.alterTable('app_templates', table => {
    table.dropColumn('plans');
    table.dropColumn('default_plan');
  });
};
