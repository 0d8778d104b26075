import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { apiAs } from '../__testUtils__/apiClient';
import { startRecordingPortal } from '../__testUtils__/recordingPortal';

const OWNER = 'user:default/creds-owner';
const ADMIN = 'user:default/creds-admin';
const MEMBER = 'user:default/creds-member';
const SECRET = 'Reveal-Secret-Value-4417!';

/** Every line any plugin logs, with its fields, as one string each. */
function recordingRootLogger() {
  const lines: string[] = [];
  const make = (fields: object): LoggerService => {
    const log = (level: string) => (message: string, meta?: unknown) => {
      lines.push(
        JSON.stringify({
          level,
          message,
          fields,
          meta: String(
            meta && JSON.stringify(meta, Object.getOwnPropertyNames(meta)),
          ),
        }),
      );
    };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: more => make({ ...fields, ...more }),
    };
  };
  const factory = createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => make({}) as any,
  });
  return { lines, factory };
}

// The credentials reveal through the whole plugin: the real permission
// checks (workspace role, then the permission framework), the real cipher
// and the real auditor recording instead of logging. The install itself
// never reaches an operator here (none runs): the service row is enough.
describe('POST .../credentials/reveal', () => {
  async function start() {
    const logger = recordingRootLogger();
    const { server, auditor } = await startRecordingPortal({
      features: [logger.factory],
    });
    const events = () =>
      auditor.events.filter(e => e.eventId === 'service-credentials-reveal');
    return { server, events, logged: logger.lines, all: auditor.events };
  }

  async function databaseService(server: any) {
    const owner = apiAs(server, OWNER);
    const ws = (await owner.post('/workspaces', { name: 'Creds' })).body;
    for (const [userRef, role] of [
      [ADMIN, 'admin'],
      [MEMBER, 'member'],
    ]) {
      const added = await owner.post(`/workspaces/${ws.id}/members`, {
        userRef,
        role,
      });
      expect(added.status).toBe(201);
    }
    const created = await owner.post(`/workspaces/${ws.id}/services`, {
      templateId: 'postgresql',
      name: 'Orders DB',
      helmValues: {
        'auth.postgresPassword': SECRET,
        'auth.database': 'orders',
      },
    });
    expect(created.status).toBe(201);
    return {
      path: `/workspaces/${ws.id}/services/${created.body.id}`,
      service: created.body,
    };
  }

  it('answers an admin with the decrypted password values only, uncached, and audits it as high', async () => {
    const { server, events, logged, all } = await start();
    const { path: svc } = await databaseService(server);

    for (const who of [OWNER, ADMIN]) {
      const res = await apiAs(server, who).post(`${svc}/credentials/reveal`);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      // auth.database is a plain value, not a credential.
      expect(res.body).toEqual({
        items: [
          {
            key: 'auth.postgresPassword',
            label: 'Admin Password',
            value: SECRET,
          },
        ],
      });
    }
    const succeeded = events().filter(e => e.status === 'succeeded');
    expect(succeeded).toEqual([
      expect.objectContaining({
        severityLevel: 'high',
        actor: expect.objectContaining({ actorId: OWNER }),
        meta: expect.objectContaining({ valueKeys: ['auth.postgresPassword'] }),
      }),
      expect.objectContaining({
        actor: expect.objectContaining({ actorId: ADMIN }),
      }),
    ]);
    // The value went to the caller only: not into any audit event or log line.
    expect(JSON.stringify(all)).not.toContain(SECRET);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.filter(line => line.includes(SECRET))).toEqual([]);
  });

  it('refuses members (403 naming the role) and records the refusal', async () => {
    const { server, events } = await start();
    const { path: svc } = await databaseService(server);
    const res = await apiAs(server, MEMBER).post(`${svc}/credentials/reveal`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('admin role');
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(events().map(e => [e.status, e.actor?.actorId])).toEqual([
      ['initiated', MEMBER],
      ['failed', MEMBER],
    ]);
  });

  it('gives strangers 404 and a service of another workspace 404', async () => {
    const { server } = await start();
    const { path: svc } = await databaseService(server);
    const stranger = apiAs(server, 'user:default/stranger');
    expect((await stranger.post(`${svc}/credentials/reveal`)).status).toBe(404);
    const owner = apiAs(server, OWNER);
    const other = (await owner.post('/workspaces', { name: 'Other' })).body;
    const serviceId = svc.split('/').pop();
    const res = await owner.post(
      `/workspaces/${other.id}/services/${serviceId}/credentials/reveal`,
    );
    expect(res.status).toBe(404);
  });

  it('gives a database no public URL and refuses a subdomain for it (400 naming the field)', async () => {
    const { server } = await start();
    const { path: svc, service } = await databaseService(server);
    expect(service).toMatchObject({ webUi: false, publicUrl: null });
    const wsId = svc.split('/')[2];
    const res = await apiAs(server, OWNER).post(
      `/workspaces/${wsId}/services`,
      {
        templateId: 'postgresql',
        name: 'With a subdomain',
        subdomain: 'my-db',
        helmValues: { 'auth.postgresPassword': SECRET },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      {
        field: 'subdomain',
        message:
          'is not used: this application has no web UI (connect to it inside the cluster)',
      },
    ]);
  });
});
