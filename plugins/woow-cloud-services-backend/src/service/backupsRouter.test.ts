import { apiAs } from '../__testUtils__/apiClient';
import { startRecordingPortal } from '../__testUtils__/recordingPortal';

const OWNER = 'user:default/bk-owner';
const MEMBER = 'user:default/bk-member';

// The backup routes through the whole plugin: input checks, roles and audit
// events. No operator runs here (the backup flow itself is in
// services/backups/backupFlow.test.ts and the integration tests).
describe('backup routes', () => {
  async function start() {
    const { server, auditor } = await startRecordingPortal();
    const owner = apiAs(server, OWNER);
    const ws = (await owner.post('/workspaces', { name: 'Backups' })).body;
    await owner.post(`/workspaces/${ws.id}/members`, {
      userRef: MEMBER,
      role: 'member',
    });
    const created = await owner.post(`/workspaces/${ws.id}/services`, {
      templateId: 'woow-fixture-app',
      name: 'Fixture',
      subdomain: `fx-${Math.random().toString(36).slice(2, 8)}`,
      helmValues: { password: 'correct horse battery staple' },
    });
    expect(created.status).toBe(201);
    return {
      server,
      auditor,
      svc: `/workspaces/${ws.id}/services/${created.body.id}`,
    };
  }

  it('refuses a bad schedule with a 400 naming each field, and stores a good one', async () => {
    const { server, svc } = await start();
    const owner = apiAs(server, OWNER);
    const bad = await owner.put(`${svc}/backup-schedule`, {
      frequency: 'weekly',
      time: '25:00',
      retention: 31,
      enabled: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(
      expect.arrayContaining([
        { field: 'time', message: 'must be a time HH:MM (00:00 to 23:59)' },
        { field: 'retention', message: 'must be at most 30' },
      ]),
    );
    const noWeekday = await owner.put(`${svc}/backup-schedule`, {
      frequency: 'weekly',
      time: '02:00',
      retention: 3,
      enabled: true,
    });
    expect(noWeekday.body.error.fields).toEqual([
      { field: 'weekday', message: 'is required for a weekly schedule' },
    ]);

    const good = await owner.put(`${svc}/backup-schedule`, {
      frequency: 'weekly',
      weekday: 0,
      time: '02:00',
      retention: 3,
      enabled: true,
    });
    expect(good.status).toBe(200);
    expect(good.body.schedule).toMatchObject({ weekday: 0, retention: 3 });
    expect(new Date(good.body.nextRunAt).getUTCDay()).toBe(0);
    const read = await apiAs(server, MEMBER).get(`${svc}/backup-schedule`);
    expect(read.body).toEqual(good.body);
  });

  it('lets members see backups but not back up, restore or schedule (403 naming the role, audited)', async () => {
    const { server, svc, auditor } = await start();
    const member = apiAs(server, MEMBER);
    const list = await member.get(`${svc}/backups`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ items: [], usage: { usedBytes: 0 } });

    const refused = await member.post(`${svc}/backups`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('admin role');
    expect(
      (
        await member.put(`${svc}/backup-schedule`, {
          frequency: 'daily',
          time: '02:00',
          retention: 3,
          enabled: true,
        })
      ).status,
    ).toBe(403);
    expect(
      auditor.events
        .filter(e => e.eventId === 'service-backup-create')
        .map(e => [e.status, e.actor?.actorId]),
    ).toEqual([
      ['initiated', MEMBER],
      ['failed', MEMBER],
    ]);
  });

  it('refuses a restore body that names no valid target or name (400), and an unknown backup (404)', async () => {
    const { server, svc } = await start();
    const owner = apiAs(server, OWNER);
    const bad = await owner.post(`${svc}/backups/bk-1/restore`, {
      target: 'new',
      name: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      { field: 'name', message: 'is required' },
    ]);
    const unknown = await owner.post(`${svc}/backups/bk-1/restore`, {
      target: 'same',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('Backup bk-1 not found');
  });
});
