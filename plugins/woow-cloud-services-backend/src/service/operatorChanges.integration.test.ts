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
import { apiAs, type ApiClient } from '../__testUtils__/apiClient';
import {
  deleteNamespace,
  eventually,
  makeChartsDir,
  requireIntegrationEnv,
  run,
  runId,
} from '../__testUtils__/integrationEnv';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { portalConfig } from '../__testUtils__/portalConfig';

// The reconciler driven by the operator's change feed, with the REAL
// helm-operator plugin, helm 4 and the control plane of tools/testenv. The
// scheduler here never runs the reconciler by itself (a mock scheduler that
// only runs triggered tasks) and settled services are checked again only
// after a very long time: only the change follower can move the service.

jest.setTimeout(300_000);

const env = requireIntegrationEnv();
const OWNER = 'user:default/owner-a';

/** The mock scheduler is typed as a plain SchedulerService; it is more. */
type TestScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};

describe('the reconciler follows the operator’s changes', () => {
  const databases = createTestDatabases();
  const workspaceId = `oc${runId()}`;
  const namespace = `paas-ws-${workspaceId}`;
  let knex: Knex;
  let chartsDir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let owner: ApiClient;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    chartsDir = await makeChartsDir(env);
    const scheduler = mockServices.scheduler() as TestScheduler;
    backend = await startTestBackend({
      features: [
        woowCloudServicesPlugin,
        helmOperatorPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: portalConfig({
            woowCloudServices: {
              reconciler: {
                frequencySeconds: 1,
                healthCheckSeconds: 1_000_000,
                settleTimeoutSeconds: 240,
              },
            },
            helmOperator: { helmBinary: env.helm, localChartsDir: chartsDir },
          }),
        }),
      ],
    });
    owner = apiAs(backend.server, OWNER);
  });

  afterAll(async () => {
    await backend?.stop();
    await deleteNamespace(env, namespace);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  /** The service as the API has it (GET: no refresh, no reconcile). */
  const stateOf = async (serviceId: string) =>
    (await owner.get(`/workspaces/${workspaceId}/services/${serviceId}`)).body;

  it('moves a deploy to running when its workloads become ready, and a release uninstalled behind its back to error', async () => {
    expect(
      (await owner.post('/workspaces', { name: 'Changes', id: workspaceId }))
        .status,
    ).toBe(201);
    const created = await owner.post(`/workspaces/${workspaceId}/services`, {
      templateId: 'woow-fixture-app',
      name: 'Fixture',
      subdomain: `chg-${workspaceId}`,
      helmValues: { password: `pw-${runId()}-Zq8!` },
    });
    expect(created.status).toBe(201);
    const serviceId = created.body.id;

    const running = await eventually(
      async () => {
        const service = await stateOf(serviceId);
        if (service.state === 'error')
          throw new Error(`error: ${service.errorMessage}`);
        return service.state === 'running' ? service : undefined;
      },
      { what: 'the service to be running', timeoutMs: 240_000 },
    );
    expect(running.helmRevision).toBe(1);

    // Behind the portal's back: helm's release is gone. The next scheduled
    // check is days away; the change in the namespace brings it forward.
    const uninstall = await run(
      env.helm,
      ['uninstall', running.helmReleaseName, '-n', namespace, '--wait'],
      env,
    );
    expect(uninstall.code).toBe(0);
    const failed = await eventually(
      async () => {
        const service = await stateOf(serviceId);
        return service.state === 'error' ? service : undefined;
      },
      { what: 'the service to be in error', timeoutMs: 240_000 },
    );
    expect(failed.errorMessage).toMatch(/no longer exists in the cluster/);
  });
});
