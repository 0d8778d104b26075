import type { Knex } from 'knex';
import path from 'node:path';
import { EventStore } from '../database/EventStore';
import { migrationsDir } from '../database/migrations';
import { RevisionStore } from '../database/RevisionStore';
import { ServiceStore } from '../database/ServiceStore';
import { TemplateStore } from '../database/TemplateStore';
import { WorkspaceStore } from '../database/WorkspaceStore';
import { SecretCipher } from '../services/SecretCipher';
import { ServiceSecrets } from '../services/serviceSecrets';
import {
  createTestDatabases,
  POSTGRES_ID,
  postgresRequired,
} from '../__testUtils__/testDatabases';
import release1 from './fixtures/release-1/data.json';

jest.setTimeout(60_000);

/** The key release 1's fixture secrets were sealed with. */
const RELEASE_1_KEY = Buffer.from(
  'cmVsZWFzZS0xLWZpeHR1cmUta2V5LTMyLWJ5dGVzISE=',
  'base64',
);
const RELEASE_1_MIGRATIONS = path.join(
  __dirname,
  'fixtures',
  'release-1',
  'migrations',
);

/** Tables in insertion order (foreign keys first). */
const TABLES = [
  'workspaces',
  'workspace_members',
  'app_templates',
  'cloud_services',
  'service_revisions',
  'service_events',
] as const;

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Rows as release 1's stores wrote them: timestamps as dates. */
function asWritten(rows: Array<Record<string, unknown>>) {
  return rows.map(row =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === 'string' && TIMESTAMP.test(v) ? new Date(v) : v,
      ]),
    ),
  );
}

async function writeRelease1(knex: Knex) {
  await knex.migrate.latest({ directory: RELEASE_1_MIGRATIONS });
  for (const table of TABLES) {
    await knex(table).insert(asWritten(release1[table]));
  }
  await knex('woow_sequences')
    .where({ name: 'deployment_id' })
    .update({ value: release1.woow_sequences[0].value });
}

describe('upgrading a database written by release 1', () => {
  const databases = createTestDatabases();

  it('covers PostgreSQL whenever the run requires it', () => {
    expect(databases.supports(POSTGRES_ID) || !postgresRequired()).toBe(true);
  });

  it.each(databases.eachSupportedId())('keeps every record on %p', async id => {
    const knex = await databases.init(id);
    await writeRelease1(knex);

    // Today's migrations over release 1's schema and data.
    await knex.migrate.latest({ directory: migrationsDir });
    const [, pending] = await knex.migrate.list({ directory: migrationsDir });
    expect(pending).toEqual([]);

    const workspaces = new WorkspaceStore(knex);
    expect(await workspaces.get('acme')).toMatchObject({
      id: 'acme',
      name: 'Acme',
      description: 'Written by release 1',
      createdBy: 'user:default/ana',
      version: 2,
    });
    expect(
      (await workspaces.listMembers('acme'))
        .map(m => `${m.userRef}=${m.role}`)
        .sort(),
    ).toEqual([
      'user:default/ana=owner',
      'user:default/bo=member',
      'user:default/cy=viewer',
    ]);

    const template = await new TemplateStore(knex).getBySlug('legacy-app');
    expect(template).toMatchObject({
      name: 'Legacy App',
      source: 'api',
      version: 1,
    });

    const services = new ServiceStore(knex);
    const running = await services.get('svc-release-1-running');
    expect(running).toMatchObject({
      workspaceId: 'acme',
      name: 'Orders',
      state: 'running',
      subdomain: 'orders-r1',
      helmRevision: 2,
      helmValues: { replicaCount: 2 },
      version: 5,
    });
    expect(running!.deployedAt?.toISOString()).toBe('2026-06-01T10:01:00.000Z');
    // Secrets sealed by release 1 still open.
    const secrets = new ServiceSecrets(new SecretCipher(RELEASE_1_KEY));
    expect(secrets.userValues(running!)).toEqual({
      replicaCount: 2,
      password: 'release-1-secret',
    });
    expect(await services.get('svc-release-1-deleted')).toBeUndefined();
    expect(
      await services.get('svc-release-1-deleted', { includeDeleted: true }),
    ).toMatchObject({ name: 'Old cache', releasedSubdomain: 'cache-r1' });
    expect((await services.listByWorkspace('acme')).map(s => s.id)).toEqual([
      'svc-release-1-running',
    ]);

    const revisions = new RevisionStore(knex);
    for (const revision of [1, 2]) {
      const snapshot = await revisions.get('svc-release-1-running', revision);
      expect(snapshot).toMatchObject({
        revision,
        helmValues: { replicaCount: revision },
        chartVersion: '0.1.0',
      });
      expect(
        secrets.userValues({
          id: 'svc-release-1-running',
          helmSecrets: snapshot!.helmSecrets,
          helmValues: snapshot!.helmValues,
        }),
      ).toMatchObject({ password: 'release-1-secret' });
    }

    const events = await new EventStore(knex).list('svc-release-1-running');
    expect(events.map(e => [e.type, e.toState, e.createdAt])).toEqual([
      ['upgrade', 'upgrading', '2026-06-03T07:59:00.000Z'],
      ['deploy', 'running', '2026-06-01T10:01:00.000Z'],
      ['deploy', 'deploying', '2026-06-01T10:00:00.000Z'],
    ]);

    // The deployment id sequence goes on where release 1 left it.
    expect(await services.nextDeploymentId()).toMatch(/1003$/);
  });
});
