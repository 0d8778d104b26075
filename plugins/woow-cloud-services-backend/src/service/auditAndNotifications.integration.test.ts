import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// The real operator (a lint warning: one backend plugin importing another is
// what this integration test is for).
import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import fs from 'node:fs';
import type { Knex } from 'knex';
import { woowCloudServicesPlugin } from '../plugin';
import { apiAs } from '../__testUtils__/apiClient';
import {
  deleteNamespace,
  eventually,
  makeChartsDir,
  requireIntegrationEnv,
  runId,
} from '../__testUtils__/integrationEnv';
import {
  recordingAuditor,
  recordingNotifications,
} from '../__testUtils__/recordingServices';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { portalConfig } from '../__testUtils__/portalConfig';

// A deploy and a delete through the HTTP API with the real helm-operator,
// helm and control plane: what the audit trail of both plugins and the
// notifications say about them. SQLite only (the SQL involved is covered on
// both databases by lifecycle.integration.test.ts).

jest.setTimeout(300_000);

const env = requireIntegrationEnv();
const OWNER = 'user:default/owner-n';
const MEMBER = 'user:default/member-n';
const SECRET = `pw-${runId()}-Audit9!`;

type TestScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};

describe('audit events and notifications of a deploy', () => {
  const databases = createTestDatabases();
  const workspaceId = `an${runId()}`;
  const namespace = `paas-ws-${workspaceId}`;
  const auditor = recordingAuditor();
  const notifications = recordingNotifications();
  let knex: Knex;
  let chartsDir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    chartsDir = await makeChartsDir(env);
    const scheduler = mockServices.scheduler() as TestScheduler;
    backend = await startTestBackend({
      features: [
        woowCloudServicesPlugin,
        helmOperatorPlugin,
        auditor.factory,
        notifications.factory,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: portalConfig({
            woowCloudServices: {
              reconciler: { frequencySeconds: 1, settleTimeoutSeconds: 240 },
            },
            helmOperator: { helmBinary: env.helm, localChartsDir: chartsDir },
          }),
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await deleteNamespace(env, namespace);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('tells the initiator once, and audits both plugins without the password', async () => {
    const owner = apiAs(backend.server, OWNER);
    const member = apiAs(backend.server, MEMBER);
    expect(
      (await owner.post('/workspaces', { name: 'Notified', id: workspaceId }))
        .status,
    ).toBe(201);
    expect(
      (
        await owner.post(`/workspaces/${workspaceId}/members`, {
          userRef: MEMBER,
          role: 'member',
        })
      ).status,
    ).toBe(201);

    const created = await member.post(`/workspaces/${workspaceId}/services`, {
      templateId: 'woow-fixture-app',
      name: 'Notified Fixture',
      subdomain: `nf-${workspaceId}`,
      helmValues: { password: SECRET },
    });
    expect(created.status).toBe(201);
    const serviceId: string = created.body.id;
    const base = `/workspaces/${workspaceId}/services/${serviceId}`;
    // Refresh reconciles now, as the scheduled task would.
    const running = await eventually(
      async () => {
        const res = await member.post(`${base}/refresh`);
        if (res.body.state === 'error')
          throw new Error(`error: ${res.body.errorMessage}`);
        return res.body.state === 'running' ? res.body : undefined;
      },
      { what: 'the service to be running', timeoutMs: 240_000 },
    );
    // A few more passes: a finished deploy is announced once only.
    for (let i = 0; i < 3; i++) await member.post(`${base}/refresh`);

    expect(notifications.sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: [MEMBER] },
        payload: expect.objectContaining({
          title: 'Deploy of Notified Fixture finished',
          severity: 'normal',
          link: `/cloud-services/workspaces/${workspaceId}/services/${serviceId}`,
          topic: `workspace:${workspaceId}`,
        }),
      },
    ]);

    const deleted = await owner.del(`${base}?deleteData=true`, {
      'If-Match': String(running.version),
    });
    expect(deleted.status).toBe(202);
    await eventually(
      async () =>
        notifications.sent.length === 2 ||
        (await owner.post(`${base}/refresh`), false),
      { what: 'the delete to be announced' },
    );
    expect(notifications.sent[1]).toMatchObject({
      recipients: { type: 'entity', entityRef: [OWNER] },
      payload: { title: 'Delete of Notified Fixture finished' },
    });

    const finished = (plugin: string, eventId: string) =>
      auditor.events.filter(
        e =>
          e.plugin === plugin &&
          e.eventId === eventId &&
          e.status !== 'initiated',
      );
    expect(finished('woow-cloud-services', 'service-create')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        severityLevel: 'medium',
        actor: expect.objectContaining({ actorId: MEMBER }),
        meta: expect.objectContaining({
          workspaceId,
          serviceId,
          valueKeys: ['password'],
          release: created.body.helmReleaseName,
        }),
      }),
    ]);
    expect(finished('woow-cloud-services', 'service-delete')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        severityLevel: 'high',
        actor: expect.objectContaining({ actorId: OWNER }),
      }),
    ]);
    // The operator's events: the caller is this plugin's service principal.
    for (const [eventId, severityLevel] of [
      ['namespace-ensure', 'medium'],
      ['release-install', 'medium'],
      ['release-uninstall', 'high'],
    ]) {
      expect(finished('helm-operator', eventId)).toEqual([
        expect.objectContaining({
          status: 'succeeded',
          severityLevel,
          actor: expect.objectContaining({
            actorId: 'plugin:woow-cloud-services',
          }),
        }),
      ]);
    }
    expect(finished('helm-operator', 'release-install')[0].meta).toMatchObject({
      namespace,
      release: created.body.helmReleaseName,
      valueKeys: expect.arrayContaining(['password']),
    });

    // Nothing recorded or sent anywhere holds the password.
    expect(auditor.events.length).toBeGreaterThan(10);
    expect(JSON.stringify(auditor.events)).not.toContain(SECRET);
    expect(JSON.stringify(notifications.sent)).not.toContain(SECRET);
  });
});
