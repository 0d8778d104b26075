/*
 * Initial schema of the Woow Cloud Services backend: workspaces and their
 * members, marketplace templates, deployed services (with the revisions they
 * went through) and their activity events.
 *
 * Times are `timestamp` columns written from JS Date objects, so that
 * comparisons work the same on PostgreSQL (timestamptz) and SQLite (epoch ms).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('workspaces', table => {
    table.comment(
      'A workspace: a team space mapped to the namespace paas-ws-{id}',
    );
    table.string('id', 20).primary().notNullable();
    table.string('name', 80).notNullable();
    table.text('description').notNullable().defaultTo('');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
  });

  await knex.schema.createTable('workspace_members', table => {
    table.comment(
      'Who may do what in a workspace (owner, admin, member, viewer)',
    );
    table
      .string('workspace_id', 20)
      .notNullable()
      .references('id')
      .inTable('workspaces')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.string('role', 16).notNullable();
    table.string('added_by', 255).notNullable();
    table.timestamp('added_at', { useTz: true }).notNullable();
    table.primary(['workspace_id', 'user_ref']);
    table.index(['user_ref'], 'workspace_members_user_ref_idx');
  });

  await knex.schema.createTable('app_templates', table => {
    table.comment('Marketplace applications (the spec CloudAppTemplate)');
    table.string('id', 36).primary().notNullable();
    table.string('slug', 40).notNullable().unique();
    table.string('name', 80).notNullable();
    table.string('description', 160).notNullable();
    table.text('full_description').notNullable().defaultTo('');
    table.string('category', 20).notNullable();
    table.text('tags').notNullable().comment('JSON array of strings');
    table.decimal('monthly_price', 10, 2).notNullable();
    table.string('documentation_url', 500).nullable();
    table.text('icon_url').nullable();
    table.string('helm_repo_url', 500).notNullable();
    table.string('helm_chart_name', 120).notNullable();
    table.string('helm_chart_version', 60).notNullable();
    table.text('helm_default_values').notNullable().comment('JSON object');
    table
      .text('helm_value_specs')
      .notNullable()
      .comment('JSON, valueSpecsSchema');
    table.integer('default_port').notNullable();
    table.boolean('ingress_enabled').notNullable();
    table.float('min_vcpu').notNullable();
    table.float('min_ram_gb').notNullable();
    table.float('min_storage_gb').notNullable();
    table.boolean('is_active').notNullable();
    table
      .string('source', 500)
      .notNullable()
      .comment('"api", or the marketplace file the definition came from');
    table
      .string('source_hash', 64)
      .nullable()
      .comment('hash of the file definition last applied (null for api)');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
  });

  await knex.schema.createTable('cloud_services', table => {
    table.comment('Deployed applications (the spec CloudService)');
    table.string('id', 36).primary().notNullable();
    table
      .string('workspace_id', 20)
      .notNullable()
      .references('id')
      .inTable('workspaces')
      .onDelete('CASCADE');
    table
      .string('template_id', 36)
      .notNullable()
      .references('id')
      .inTable('app_templates');
    table.string('name', 80).notNullable();
    table.string('reference_id', 40).notNullable().unique();
    table.string('deployment_id', 16).notNullable().unique();
    table.string('state', 20).notNullable();
    table.text('error_message').nullable();
    table.text('status_detail').nullable();
    // Null once deleted, so that the name can be taken again; the old value
    // stays in released_subdomain for the record.
    table.string('subdomain', 63).nullable().unique();
    table.string('released_subdomain', 63).nullable();
    table.string('custom_domain', 253).nullable().unique();
    table.integer('internal_port').notNullable();
    table.string('helm_release_name', 53).notNullable();
    table.string('helm_namespace', 63).notNullable();
    table
      .text('helm_values')
      .notNullable()
      .comment('JSON: user values, no secrets');
    table
      .text('helm_secrets')
      .nullable()
      .comment('AES-256-GCM envelope of password values');
    table
      .text('helm_default_values')
      .notNullable()
      .comment('JSON: template defaults in use');
    table.integer('helm_revision').notNullable().defaultTo(0);
    table.string('helm_chart_version', 60).notNullable();
    table.float('allocated_vcpu').notNullable();
    table.float('allocated_ram_gb').notNullable();
    table.float('allocated_storage_gb').notNullable();
    table.string('k8s_cluster', 100).notNullable();
    table.string('region', 100).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('deployed_at', { useTz: true }).nullable();
    table.timestamp('last_upgraded_at', { useTz: true }).nullable();
    table.timestamp('deleted_at', { useTz: true }).nullable();
    table.integer('version').notNullable().defaultTo(1);
    // Reconciler bookkeeping (not part of the API shape).
    table
      .text('pending_action')
      .nullable()
      .comment(
        'JSON: an operator call still to be made (retried with backoff)',
      );
    table.integer('target_revision').nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_check_at', { useTz: true }).nullable();
    table.timestamp('operation_started_at', { useTz: true }).nullable();
    table.index(['workspace_id'], 'cloud_services_workspace_idx');
    table.index(['next_check_at'], 'cloud_services_next_check_idx');
  });

  await knex.schema.createTable('service_revisions', table => {
    table.comment('The user values behind each helm revision, for rollbacks');
    table
      .string('service_id', 36)
      .notNullable()
      .references('id')
      .inTable('cloud_services')
      .onDelete('CASCADE');
    table.integer('revision').notNullable();
    table.text('helm_values').notNullable();
    table.text('helm_secrets').nullable();
    table.text('helm_default_values').notNullable();
    table.string('chart_version', 60).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['service_id', 'revision']);
  });

  await knex.schema.createTable('service_events', table => {
    table.comment('Activity history: who did what, when, and what came of it');
    table.increments('id');
    table
      .string('service_id', 36)
      .notNullable()
      .references('id')
      .inTable('cloud_services')
      .onDelete('CASCADE');
    table.string('workspace_id', 20).notNullable();
    table.string('type', 20).notNullable();
    table.string('actor', 255).notNullable();
    table.string('from_state', 20).nullable();
    table.string('to_state', 20).nullable();
    table.string('result', 10).notNullable();
    table.text('message').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['service_id', 'created_at'], 'service_events_service_idx');
  });

  await knex.schema.createTable('woow_sequences', table => {
    table.comment('Named counters (deployment IDs)');
    table.string('name', 40).primary().notNullable();
    table.bigInteger('value').notNullable();
  });
  await knex('woow_sequences').insert({ name: 'deployment_id', value: 1000 });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('woow_sequences');
  await knex.schema.dropTable('service_events');
  await knex.schema.dropTable('service_revisions');
  await knex.schema.dropTable('cloud_services');
  await knex.schema.dropTable('app_templates');
  await knex.schema.dropTable('workspace_members');
  await knex.schema.dropTable('workspaces');
};
