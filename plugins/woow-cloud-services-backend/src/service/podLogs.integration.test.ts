import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// The real operator (a lint warning: one backend plugin importing another is
// what this integration test is for).
import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { woowCloudServicesPlugin } from '../plugin';
import { apiAs } from '../__testUtils__/apiClient';
import {
  deleteNamespace,
  eventually,
  makeChartsDir,
  requireIntegrationEnv,
  runId,
} from '../__testUtils__/integrationEnv';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { portalConfig } from '../__testUtils__/portalConfig';

// Container logs through this plugin's API with the REAL helm-operator,
// helm and control plane of tools/testenv: kwok serves every pod's log from
// $WOOW_KWOK_POD_LOG, so a line appended there reaches an open follow stream.

jest.setTimeout(300_000);

const env = requireIntegrationEnv();
const OWNER = 'user:default/owner-logs';
const VIEWER = 'user:default/viewer-logs';
const databases = createTestDatabases();

function appendLogLine(text: string) {
  const file = process.env.WOOW_KWOK_POD_LOG;
  if (!file) throw new Error('WOOW_KWOK_POD_LOG is unset: run testenv up');
  fs.appendFileSync(file, `${new Date().toISOString()} stdout F ${text}\n`);
}

describe('service pod logs through the backend and the real operator', () => {
  const workspaceId = `pl${runId()}`;
  let chartsDir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let serviceId: string;
  let pod: string;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    chartsDir = await makeChartsDir(env);
    backend = await startTestBackend({
      features: [
        woowCloudServicesPlugin,
        helmOperatorPlugin,
        (mockServices.scheduler() as any).factory({
          skipTaskRunOnStartup: true,
        }),
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
    const owner = apiAs(backend.server, OWNER);
    const ws = await owner.post('/workspaces', {
      name: 'Logs',
      id: workspaceId,
    });
    if (ws.status !== 201) throw new Error(`workspace: ${ws.text}`);
    await owner.post(`/workspaces/${workspaceId}/members`, {
      userRef: VIEWER,
      role: 'viewer',
    });
    const created = await owner.post(`/workspaces/${workspaceId}/services`, {
      templateId: 'woow-fixture-app',
      name: 'Logs',
      subdomain: `logs-${workspaceId}`,
      helmValues: { password: `pw-${runId()}-Zq8!` },
    });
    if (created.status !== 201) throw new Error(`service: ${created.text}`);
    serviceId = created.body.id;
    pod = await eventually(
      async () => {
        await owner.post(
          `/workspaces/${workspaceId}/services/${serviceId}/refresh`,
        );
        const res = await owner.get(
          `/workspaces/${workspaceId}/services/${serviceId}/pods`,
        );
        return res.body.pods?.find(
          (p: { phase: string }) => p.phase === 'Running',
        )?.name;
      },
      { what: 'a running pod of the service', timeoutMs: 240_000 },
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await deleteNamespace(env, `paas-ws-${workspaceId}`);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('follows a container log: a line appended after the stream opened arrives', async () => {
    const { port } = (
      backend.server as unknown as http.Server
    ).address() as AddressInfo;
    const marker = `backend-follow-${runId()}`;
    let received = '';
    let req: http.ClientRequest | undefined;
    await new Promise<void>((resolve, reject) => {
      req = http.get(
        {
          host: '127.0.0.1',
          port,
          path: `/api/woow-cloud-services/workspaces/${workspaceId}/services/${serviceId}/pod-logs?pod=${pod}&follow=true&tailLines=0`,
          headers: { Authorization: mockCredentials.user.header(OWNER) },
        },
        res => {
          if (res.statusCode !== 200) {
            reject(new Error(`HTTP ${res.statusCode}`));
            return;
          }
          res.setEncoding('utf8');
          res.on('data', chunk => {
            received += chunk;
            if (received.includes(marker)) resolve();
          });
          appendLogLine(marker);
        },
      );
      req.on('error', reject);
    });
    req!.destroy();
    expect(received).toContain(marker);
  });

  it('refuses viewers, a pod of no service of theirs, and bad parameters', async () => {
    const viewer = apiAs(backend.server, VIEWER);
    const owner = apiAs(backend.server, OWNER);
    const base = `/workspaces/${workspaceId}/services/${serviceId}`;
    expect((await viewer.get(`${base}/pods`)).status).toBe(403);
    expect((await viewer.get(`${base}/pod-logs?pod=${pod}`)).status).toBe(403);
    const other = await owner.get(`${base}/pod-logs?pod=kube-apiserver-x`);
    expect(other.status).toBe(404);
    const bad = await owner.get(`${base}/pod-logs?pod=${pod}&tailLines=lots`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('tailLines');
  });
});
