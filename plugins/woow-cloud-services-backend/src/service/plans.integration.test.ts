import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { apiAs } from '../__testUtils__/apiClient';
import {
  deleteNamespace,
  eventually,
  makeChartsDir,
  requireIntegrationEnv,
  run,
  runId,
} from '../__testUtils__/integrationEnv';
import { portalConfig } from '../__testUtils__/portalConfig';
import { woowCloudServicesPlugin } from '../plugin';

// Plans end to end with the real operator, helm and API server: the plan a
// launch names reaches the chart's resources keys, the pods carry its
// requests and limits, and the service's status reports them from the
// operator's informers. The workspace answer says what the quota has left.

jest.setTimeout(300_000);

const env = requireIntegrationEnv();
const OWNER = 'user:default/plans-owner';

describe('plans', () => {
  let chartsDir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const namespaces: string[] = [];

  beforeAll(async () => {
    chartsDir = await makeChartsDir(env);
    backend = await startTestBackend({
      features: [
        woowCloudServicesPlugin,
        helmOperatorPlugin,
        mockServices.rootConfig.factory({
          data: portalConfig({
            helmOperator: { helmBinary: env.helm, localChartsDir: chartsDir },
          }),
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    for (const ns of namespaces) await deleteNamespace(env, ns);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it("deploys the fixture app with a plan: its pods carry the plan's requests and the status shows them", async () => {
    const owner = apiAs(backend.server, OWNER);
    const ws = await owner.post('/workspaces', { name: `Plans ${runId()}` });
    expect(ws.status).toBe(201);
    const workspaceId: string = ws.body.id;
    namespaces.push(ws.body.namespace);
    const launch = {
      templateId: 'woow-fixture-app',
      name: 'Sized',
      subdomain: `plan-${workspaceId}`.slice(0, 63),
      helmValues: { password: 'plan-secret-1' },
    };

    const unknown = await owner.post(`/workspaces/${workspaceId}/services`, {
      ...launch,
      plan: 'huge',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([
      {
        field: 'plan',
        message:
          '"huge" is not a plan of this application (one of small, medium)',
      },
    ]);

    const created = await owner.post(`/workspaces/${workspaceId}/services`, {
      ...launch,
      plan: 'medium',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      plan: 'medium',
      allocatedVcpu: 0.1,
      allocatedRamGb: 0.125,
    });
    const { helmNamespace: namespace, helmReleaseName: release } = created.body;

    // The real pod's spec has the plan's values (kubectl, not the operator).
    const podResources = await eventually(
      async () => {
        const { stdout } = await run(
          env.kubectl,
          [
            '-n',
            namespace,
            'get',
            'pods',
            '-l',
            `app.kubernetes.io/instance=${release}`,
            '-o',
            'jsonpath={.items[0].spec.containers[0].resources}',
          ],
          env,
        );
        return stdout ? JSON.parse(stdout) : undefined;
      },
      { what: 'a pod of the release' },
    );
    expect(podResources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '200m', memory: '256Mi' },
    });

    // The status reports them per container, read from the informer's pods.
    const pods = await eventually(
      async () => {
        const status = await owner.get(
          `/workspaces/${workspaceId}/services/${created.body.id}/status`,
        );
        const found = status.body.release?.pods ?? [];
        return found.length > 0 ? found : undefined;
      },
      { what: 'pods in the service status' },
    );
    expect(pods[0].containers).toEqual([
      expect.objectContaining({
        init: false,
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '200m', memory: '256Mi' },
      }),
    ]);

    // The workspace says what its quota has left, the pod's requests used.
    const after = await owner.get(`/workspaces/${workspaceId}`);
    expect(after.body.quota).toMatchObject({
      enforced: true,
      namespace,
    });
    const cpu = after.body.quota.resources.find(
      (r: { key: string }) => r.key === 'requests.cpu',
    );
    expect(cpu.used).toBeCloseTo(0.1);
    expect(cpu.left).toBeCloseTo(cpu.hard - 0.1);
  });
});
