import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
// The real operator and the product's permission policy (lint warnings: one
// backend plugin importing another is what this integration test is for).
import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import permissionModuleWoowCloudServicesPolicy from '@woowtech/backstage-plugin-permission-backend-module-woow-cloud-services';
// The policy's own test wiring of credentials (not part of its API).
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { httpAuthWithActors } from '@woowtech/backstage-plugin-permission-backend-module-woow-cloud-services/src/__testUtils__/httpAuthWithActors';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RECONCILER_TASK_ID, woowCloudServicesPlugin } from '../plugin';
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

// The plugin's actions through the REAL MCP endpoint of the mcp-actions
// backend, called with the MCP SDK's client over Streamable HTTP: the real
// actions registry and actions service (HTTP between the plugins), the real
// permission backend with the policy the product ships, the real
// helm-operator, helm and control plane of tools/testenv.

jest.setTimeout(480_000);

const env = requireIntegrationEnv();
const OWNER = 'user:default/mcp-owner';
const MEMBER = 'user:default/mcp-member';
const VIEWER = 'user:default/mcp-viewer';
const PASSWORD = `Mcp-Secret-${runId()}-Zq8!`;
const TOOL = (name: string) => `woow-cloud-services.${name}`;
const databases = createTestDatabases();

type ToolResult = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: any;
};

describe('actions of the plugin through the MCP endpoint', () => {
  const workspaceId = `mc${runId()}`;
  const auditor = recordingAuditor();
  let chartsDir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let scheduler: SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
    triggerTask(id: string): Promise<void>;
  };
  const clients: Client[] = [];
  // Every text an agent received, to look for secrets in.
  const received: string[] = [];

  async function mcpAs(userRef: string) {
    const { port } = (
      backend.server as unknown as http.Server
    ).address() as AddressInfo;
    const client = new Client({ name: 'woow-mcp-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://localhost:${port}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header(userRef) },
          },
        },
      ),
    );
    clients.push(client);
    return {
      client,
      async call(name: string, args: Record<string, unknown>) {
        const result = (await client.callTool({
          name: TOOL(name),
          arguments: args,
        })) as ToolResult;
        received.push(JSON.stringify(result));
        return result;
      },
    };
  }
  const textOf = (result: ToolResult) =>
    result.content.map(c => c.text ?? '').join('\n');

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    chartsDir = await makeChartsDir(env);
    scheduler = mockServices.scheduler() as typeof scheduler;
    backend = await startTestBackend({
      features: [
        woowCloudServicesPlugin,
        helmOperatorPlugin,
        mcpActionsPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        httpAuthWithActors,
        permissionsServiceFactory,
        permissionsRegistryServiceFactory,
        permissionPlugin,
        permissionModuleWoowCloudServicesPolicy,
        auditor.factory,
        recordingNotifications().factory,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: portalConfig({
            permission: { enabled: true },
            backend: { actions: { pluginSources: ['woow-cloud-services'] } },
            woowCloudServices: {
              reconciler: { frequencySeconds: 1, settleTimeoutSeconds: 240 },
            },
            helmOperator: { helmBinary: env.helm, localChartsDir: chartsDir },
          }),
        }),
      ],
    });
    const owner = apiAs(backend.server, OWNER);
    const ws = await owner.post('/workspaces', {
      name: 'MCP',
      id: workspaceId,
    });
    if (ws.status !== 201) throw new Error(`workspace: ${ws.text}`);
    for (const [userRef, role] of [
      [MEMBER, 'member'],
      [VIEWER, 'viewer'],
    ]) {
      const added = await owner.post(`/workspaces/${workspaceId}/members`, {
        userRef,
        role,
      });
      if (added.status !== 201) throw new Error(`member: ${added.text}`);
    }
  });

  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
    await backend?.stop();
    await deleteNamespace(env, `paas-ws-${workspaceId}`);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('lists the actions as tools, each described for an agent', async () => {
    const { client } = await mcpAs(MEMBER);
    const { tools } = await client.listTools();
    const ours = tools.filter(t => t.name.startsWith('woow-cloud-services.'));
    expect(ours.map(t => t.name).sort()).toEqual(
      [
        'delete-service',
        'deploy-service',
        'describe-service',
        'get-service-status',
        'list-services',
        'list-templates',
        'list-workspaces',
        'read-service-logs',
        'rollback-service',
        'upgrade-service',
      ].map(TOOL),
    );
    const deploy = ours.find(t => t.name === TOOL('deploy-service'))!;
    expect(deploy.description).toMatch(/member role/);
    const props = deploy.inputSchema.properties as Record<string, any>;
    for (const field of ['workspaceId', 'templateId', 'helmValues']) {
      expect(props[field].description).toEqual(expect.any(String));
    }
    expect(deploy.annotations).toMatchObject({ readOnlyHint: false });
    const status = ours.find(t => t.name === TOOL('get-service-status'))!;
    expect(status.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    const del = ours.find(t => t.name === TOOL('delete-service'))!;
    expect(del.annotations).toMatchObject({ destructiveHint: true });
  });

  it('refuses a viewer to deploy, naming the role needed; nothing is created', async () => {
    const viewer = await mcpAs(VIEWER);
    const workspaces = await viewer.call('list-workspaces', {});
    expect(workspaces.structuredContent.workspaces).toEqual([
      expect.objectContaining({ id: workspaceId, role: 'viewer' }),
    ]);
    const refused = await viewer.call('deploy-service', {
      workspaceId,
      templateId: 'woow-fixture-app',
      name: 'By a viewer',
      subdomain: `v-${workspaceId}`,
      helmValues: { password: PASSWORD },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(
      /NotAllowedError: This needs the member role in workspace .+; you are viewer/,
    );
    const listed = await viewer.call('list-services', { workspaceId });
    expect(listed.isError).toBeFalsy();
    expect(listed.structuredContent.services).toEqual([]);
  });

  it('refuses bad input with the field and the rule', async () => {
    const member = await mcpAs(MEMBER);
    const refused = await member.call('deploy-service', {
      workspaceId,
      templateId: 'woow-fixture-app',
      name: 'No password',
      subdomain: `np-${workspaceId}`,
      helmValues: { replicaCount: 9 },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/InputError: .*password is required/);
    expect(textOf(refused)).toMatch(/replicaCount/);

    // Refused by the action's own schema: the field and the rule, too.
    const tooMany = await member.call('read-service-logs', {
      workspaceId,
      serviceId: 'any',
      tailLines: 9000,
    });
    expect(tooMany.isError).toBe(true);
    expect(textOf(tooMany)).toMatch(/InputError: Invalid input/);
    expect(textOf(tooMany)).toMatch(/"tailLines"/);
    expect(textOf(tooMany)).toMatch(/less than or equal to 5000/);
  });

  describe("a service deployed by a member's agent", () => {
    let member: Awaited<ReturnType<typeof mcpAs>>;
    let viewer: Awaited<ReturnType<typeof mcpAs>>;
    let serviceId: string;
    let pod: string;
    let version: number;

    /** describe-service after reconciler passes, until `done` says so. */
    const settled = (what: string, done: (s: any) => boolean) =>
      eventually(
        async () => {
          // The reconciler's scheduled run, triggered instead of waited for.
          await scheduler.triggerTask(RECONCILER_TASK_ID);
          const d = await member.call('describe-service', {
            workspaceId,
            serviceId,
          });
          const s = d.structuredContent?.service;
          return s && done(s) ? s : false;
        },
        { what: `${what}, read through MCP`, timeoutMs: 300_000 },
      );

    beforeAll(async () => {
      member = await mcpAs(MEMBER);
      viewer = await mcpAs(VIEWER);
    });

    it('deploys the fixture app and reads its status until running', async () => {
      const templates = await member.call('list-templates', {
        search: 'fixture',
      });
      const fixture = templates.structuredContent.templates.find(
        (t: { slug: string }) => t.slug === 'woow-fixture-app',
      );
      expect(fixture.valueSpecs).toContainEqual(
        expect.objectContaining({
          key: 'password',
          type: 'password',
          required: true,
        }),
      );

      const deployed = await member.call('deploy-service', {
        workspaceId,
        templateId: 'woow-fixture-app',
        name: 'Deployed by an agent',
        subdomain: `mcp-${workspaceId}`,
        helmValues: { password: PASSWORD, 'env.GREETING': 'hello' },
      });
      expect(deployed.isError).toBeFalsy();
      const service = deployed.structuredContent.service;
      expect(service).toMatchObject({
        workspaceId,
        createdBy: MEMBER,
        helmValues: { password: { isSet: true }, 'env.GREETING': 'hello' },
      });
      expect(['pending', 'deploying']).toContain(service.state);
      serviceId = service.id;

      const running = await eventually(
        async () => {
          await scheduler.triggerTask(RECONCILER_TASK_ID);
          const status = await member.call('get-service-status', {
            workspaceId,
            serviceId,
          });
          const st = status.structuredContent;
          return st?.state === 'running' && st.online ? st : false;
        },
        { what: 'the service running, read through MCP', timeoutMs: 300_000 },
      );
      expect(running.release).toMatchObject({ state: 'running', revision: 1 });
      pod = running.release.pods[0].name;
    });

    it('reads recent logs with the password masked; a viewer reads the status, not the logs', async () => {
      // A line printing the password: the agent gets it masked.
      const marker = `mcp-log-${runId()}`;
      const podLog = process.env.WOOW_KWOK_POD_LOG;
      if (!podLog)
        throw new Error('WOOW_KWOK_POD_LOG is unset: run testenv up');
      fs.appendFileSync(
        podLog,
        `${new Date().toISOString()} stdout F ${marker} connecting with ${PASSWORD}\n`,
      );
      const logs = await member.call('read-service-logs', {
        workspaceId,
        serviceId,
        tailLines: 2000,
      });
      expect(logs.isError).toBeFalsy();
      expect(logs.structuredContent.pod).toBe(pod);
      expect(logs.structuredContent.lines).toContainEqual(
        expect.stringContaining(`${marker} connecting with ***`),
      );

      const viewerLogs = await viewer.call('read-service-logs', {
        workspaceId,
        serviceId,
      });
      expect(viewerLogs.isError).toBe(true);
      expect(textOf(viewerLogs)).toMatch(/NotAllowedError: .*member role/);
      const viewerStatus = await viewer.call('get-service-status', {
        workspaceId,
        serviceId,
      });
      expect(viewerStatus.structuredContent.state).toBe('running');
    });

    it('upgrades the values with the version read; a stale version is a conflict', async () => {
      const described = await member.call('describe-service', {
        workspaceId,
        serviceId,
      });
      const current = described.structuredContent.service;
      expect(described.structuredContent.revisions[0]).toMatchObject({
        revision: 1,
      });
      const stale = await member.call('upgrade-service', {
        workspaceId,
        serviceId,
        version: current.version - 1,
        helmValues: { 'env.GREETING': 'stale' },
      });
      expect(stale.isError).toBe(true);
      expect(textOf(stale)).toMatch(/ConflictError/);
      const upgraded = await member.call('upgrade-service', {
        workspaceId,
        serviceId,
        version: current.version,
        helmValues: { 'env.GREETING': 'upgraded' },
      });
      expect(upgraded.isError).toBeFalsy();
      expect(upgraded.structuredContent.service.helmValues).toMatchObject({
        'env.GREETING': 'upgraded',
        password: { isSet: true },
      });
      const after = await settled(
        'the upgrade settled',
        s => s.state === 'running' && s.helmRevision === 2,
      );
      version = after.version;
    });

    it('rolls back to the first revision: its values come back', async () => {
      const rolledBack = await member.call('rollback-service', {
        workspaceId,
        serviceId,
        version,
        revision: 1,
      });
      expect(rolledBack.isError).toBeFalsy();
      expect(rolledBack.structuredContent.service.state).toBe('rolling_back');
      const after = await settled(
        'the rollback settled',
        s => s.state === 'running' && s.helmRevision === 3,
      );
      expect(after.helmValues).toMatchObject({
        'env.GREETING': 'hello',
        password: { isSet: true },
      });
      version = after.version;
    });

    it('refuses delete to a member (admins and owners only); the owner deletes', async () => {
      const memberDelete = await member.call('delete-service', {
        workspaceId,
        serviceId,
        version,
      });
      expect(memberDelete.isError).toBe(true);
      expect(textOf(memberDelete)).toMatch(/NotAllowedError: .*admin role/);
      const owner = await mcpAs(OWNER);
      const deleted = await owner.call('delete-service', {
        workspaceId,
        serviceId,
        version,
      });
      expect(deleted.isError).toBeFalsy();
      expect(deleted.structuredContent.service.state).toBe('deleting');
    });

    it('recorded the changes as audit events naming the user and the action, without the password', () => {
      // The user, and the plugin acting for them (the mock token names none).
      const byMember = expect.stringMatching(new RegExp(`^${MEMBER}`));
      const ours = auditor.events.filter(
        e => e.plugin === 'woow-cloud-services' && e.status !== 'initiated',
      );
      expect(ours).toContainEqual(
        expect.objectContaining({
          eventId: 'service-create',
          status: 'succeeded',
          meta: expect.objectContaining({
            actor: byMember,
            via: 'action deploy-service',
            workspaceId,
            valueKeys: ['env.GREETING', 'password'],
            serviceId,
          }),
        }),
      );
      for (const eventId of ['service-update', 'service-rollback']) {
        expect(ours).toContainEqual(
          expect.objectContaining({
            eventId,
            status: 'succeeded',
            meta: expect.objectContaining({ actor: byMember, serviceId }),
          }),
        );
      }
      expect(ours).toContainEqual(
        expect.objectContaining({
          eventId: 'service-delete',
          status: 'failed',
          meta: expect.objectContaining({ actor: byMember, serviceId }),
        }),
      );
      expect(JSON.stringify(auditor.events)).not.toContain(PASSWORD);
    });
  });

  it('never showed an agent the password', () => {
    expect(received.length).toBeGreaterThan(10);
    for (const text of received) expect(text).not.toContain(PASSWORD);
  });
});
