/*
 * Which Kubernetes Service and port clients of a marketplace app connect to
 * (the template's `connection`, JSON). Null for templates that do not say:
 * then the Service "{fullname}" on default_port, and the Ingress routes to
 * the first port of the first Service, as before.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('app_templates', table => {
    table
      .text('connection')
      .nullable()
      .comment('JSON {service, port}: the Service clients connect to');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('app_templates', table => {
    table.dropColumn('connection');
  });
};
