/*
 * Custom domains are served only once their owner proved them in DNS: one
 * row per service that ever had a custom domain, holding the service's
 * ownership token and where the proof of its current domain stands.
 *
 * Custom domains set before this migration were never proven: they start
 * again as pending (each service gets its token) and are re-checked.
 */

// @ts-check

const crypto = require('node:crypto');

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('custom_domain_verifications', table => {
    table.comment(
      'DNS proof of ownership of custom domains (one row per service)',
    );
    table
      .string('service_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('cloud_services')
      .onDelete('CASCADE');
    table
      .string('domain', 253)
      .notNullable()
      .comment('the domain this state is about (lower case, no trailing dot)');
    table
      .string('token', 64)
      .notNullable()
      .comment('the TXT challenge token shown to the service owner');
    table.string('state', 16).notNullable().comment('pending|verified|failed');
    table.text('message').nullable();
    table.timestamp('checked_at', { useTz: true }).nullable();
    table.timestamp('verified_at', { useTz: true }).nullable();
    table.timestamp('next_check_at', { useTz: true }).nullable();
    table.index(['next_check_at'], 'custom_domain_verifications_next_idx');
  });

  const existing = await knex('cloud_services')
    .whereNotNull('custom_domain')
    .whereNull('deleted_at')
    .select('id', 'custom_domain');
  const now = new Date();
  for (const row of existing) {
    await knex('custom_domain_verifications').insert({
      service_id: row.id,
      domain: String(row.custom_domain).toLowerCase(),
      token: crypto.randomBytes(16).toString('hex'),
      state: 'pending',
      message: null,
      next_check_at: now,
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('custom_domain_verifications');
};
