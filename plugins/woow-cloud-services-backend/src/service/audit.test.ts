import request from 'supertest';
import { apiAs } from '../__testUtils__/apiClient';
import { startRecordingPortal } from '../__testUtils__/recordingPortal';

const OWNER = 'user:default/audit-owner';
const OTHER = 'user:default/audit-other';
const SECRET = 'Audit-Secret-Value-7731!';

// Audit events of the HTTP API, through the real auditor implementation
// (actor from the request's credentials) recording instead of logging.
// Nothing here reaches the helm-operator: the deploy with a real operator is
// in auditAndNotifications.integration.test.ts.
describe('audit events of the API', () => {
  async function start() {
    const { server, auditor } = await startRecordingPortal();
    const ours = () =>
      auditor.events.filter(e => e.plugin === 'woow-cloud-services');
    return { server, events: ours };
  }

  const outcome = (events: any[], eventId: string) =>
    events.filter(e => e.eventId === eventId && e.status !== 'initiated');

  it('records who created a workspace and what came of it', async () => {
    const { server, events } = await start();
    const owner = apiAs(server, OWNER);
    const res = await owner.post('/workspaces', { name: 'Audited' });
    expect(res.status).toBe(201);
    const created = events().filter(e => e.eventId === 'workspace-create');
    expect(created.map(e => e.status)).toEqual(['initiated', 'succeeded']);
    expect(created[1]).toMatchObject({
      plugin: 'woow-cloud-services',
      severityLevel: 'medium',
      actor: { actorId: OWNER },
      request: { method: 'POST', url: '/api/woow-cloud-services/workspaces' },
      meta: { workspaceId: res.body.id },
    });

    const bad = await owner.post('/workspaces', { name: '' });
    expect(bad.status).toBe(400);
    const failed = outcome(events(), 'workspace-create');
    expect(failed[1]).toMatchObject({
      status: 'failed',
      actor: { actorId: OWNER },
      error: expect.objectContaining({ name: 'InputError' }),
    });
    expect((failed[1] as any).error.stack).toBeUndefined();
  });

  it('records membership changes as high, with their target, refused or not', async () => {
    const { server, events } = await start();
    const owner = apiAs(server, OWNER);
    const other = apiAs(server, OTHER);
    const ws = (await owner.post('/workspaces', { name: 'Members' })).body;

    const added = await owner.post(`/workspaces/${ws.id}/members`, {
      userRef: OTHER,
      role: 'member',
    });
    expect(added.status).toBe(201);
    const refused = await other.put(
      `/workspaces/${ws.id}/members/${encodeURIComponent(OWNER)}`,
      { role: 'viewer' },
    );
    expect(refused.status).toBe(403);
    const left = await other.del(
      `/workspaces/${ws.id}/members/${encodeURIComponent(OTHER)}`,
    );
    expect(left.status).toBe(204);

    expect(outcome(events(), 'workspace-member-add')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        severityLevel: 'high',
        actor: expect.objectContaining({ actorId: OWNER }),
        meta: { workspaceId: ws.id, memberRef: OTHER, role: 'member' },
      }),
    ]);
    expect(outcome(events(), 'workspace-member-role-change')).toEqual([
      expect.objectContaining({
        status: 'failed',
        severityLevel: 'high',
        actor: expect.objectContaining({ actorId: OTHER }),
        meta: { workspaceId: ws.id, userRef: OWNER, role: 'viewer' },
        error: expect.objectContaining({ name: 'NotAllowedError' }),
      }),
    ]);
    expect(outcome(events(), 'workspace-member-remove')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        actor: expect.objectContaining({ actorId: OTHER }),
        meta: { workspaceId: ws.id, userRef: OTHER },
      }),
    ]);
  });

  it('records refused template and service changes with their targets', async () => {
    const { server, events } = await start();
    const owner = apiAs(server, OWNER);
    const ws = (await owner.post('/workspaces', { name: 'Services' })).body;

    expect((await owner.post('/templates', { name: 'Mine' })).status).toBe(400);
    expect(outcome(events(), 'template-create')).toEqual([
      expect.objectContaining({
        status: 'failed',
        severityLevel: 'medium',
        actor: expect.objectContaining({ actorId: OWNER }),
        error: expect.objectContaining({ name: 'InputError' }),
      }),
    ]);

    const gone = await owner.del(
      `/workspaces/${ws.id}/services/no-such?version=1`,
    );
    expect(gone.status).toBe(404);
    expect(outcome(events(), 'service-delete')).toEqual([
      expect.objectContaining({
        status: 'failed',
        severityLevel: 'high',
        meta: {
          workspaceId: ws.id,
          serviceId: 'no-such',
          deleteData: false,
          keepBackups: true,
        },
        error: expect.objectContaining({ name: 'NotFoundError' }),
      }),
    ]);
  });

  it('records a release adoption as high, with the release and the workspace', async () => {
    const { server, events } = await start();
    const owner = apiAs(server, OWNER);
    const res = await owner.post('/admin/unmanaged-releases/adopt', {
      namespace: 'paas-ws-elsewhere',
      releaseName: 'orphan',
      workspaceId: 'elsewhere',
      name: 'Orphan',
      subdomain: 'orphan',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(outcome(events(), 'release-adopt')).toEqual([
      expect.objectContaining({
        status: 'failed',
        severityLevel: 'high',
        actor: expect.objectContaining({ actorId: OWNER }),
        meta: {
          namespace: 'paas-ws-elsewhere',
          release: 'orphan',
          workspaceId: 'elsewhere',
        },
        error: expect.objectContaining({ name: res.body.error.name }),
      }),
    ]);
  });

  it('answers a call without valid credentials 401, as without the audit', async () => {
    const { server, events } = await start();
    const res = await request(server)
      .post('/api/woow-cloud-services/workspaces')
      .set('Authorization', 'Bearer not-a-token')
      .send({ name: 'Nobody' });
    expect(res.status).toBe(401);
    expect(events().filter(e => e.eventId === 'workspace-create')).toEqual([]);
  });

  it('keeps value keys of a deploy request, never its values', async () => {
    const { server, events } = await start();
    const owner = apiAs(server, OWNER);
    const ws = (await owner.post('/workspaces', { name: 'Secrets' })).body;
    const res = await owner.post(`/workspaces/${ws.id}/services`, {
      templateId: 'woow-fixture-app',
      name: 'Secret',
      subdomain: `sec-${ws.id}`,
      helmValues: { password: SECRET, replicaCount: 'not a number' },
    });
    expect(res.status).toBe(400);
    expect(outcome(events(), 'service-create')).toEqual([
      expect.objectContaining({
        status: 'failed',
        meta: {
          workspaceId: ws.id,
          templateId: 'woow-fixture-app',
          valueKeys: ['password', 'replicaCount'],
        },
      }),
    ]);
    expect(JSON.stringify(events())).not.toContain(SECRET);
  });
});
