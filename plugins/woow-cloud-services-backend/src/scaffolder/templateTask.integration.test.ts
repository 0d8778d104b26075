import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import catalogModuleWoowCloudServices from '@woowtech/backstage-plugin-catalog-backend-module-woow-cloud-services';
import helmOperatorPlugin from '@woowtech/backstage-plugin-helm-operator-backend';
import scaffolderModuleWoowCloudServices from '@woowtech/backstage-plugin-scaffolder-backend-module-woow-cloud-services';
import fs from 'node:fs';
import request from 'supertest';
import { RECONCILER_TASK_ID, woowCloudServicesPlugin } from '../plugin';
import {
  deleteNamespace,
  eventually,
  helmReleases,
  helmValues,
  makeChartsDir,
  requireIntegrationEnv,
  runId,
} from '../__testUtils__/integrationEnv';
import { portalConfig } from '../__testUtils__/portalConfig';

// Issue 6 end to end in one backend: the real catalog and Scaffolder, our
// plugin with the real helm-operator, helm 4 and the control plane of
// tools/testenv. The marketplace's fixture app becomes a Template entity,
// a Scaffolder task deploys it as a user with a secret, the service shows
// up as a Resource, and the secret is nowhere in the task.

jest.setTimeout(600_000);

const env = requireIntegrationEnv();
const USER = 'user:default/scaffolder-user';
const SECRET = `Tpl-${runId()}-secret!`;
const PROVIDER_TASK_ID = 'woow-cloud-services:refresh';

type TestScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};

describe('a marketplace app deployed through a Scaffolder template', () => {
  const workspaceId = `st${runId()}`;
  const namespace = `paas-ws-${workspaceId}`;
  const subdomain = `tpl-${workspaceId}`;
  const auth = { Authorization: mockCredentials.user.header(USER) };
  let chartsDir: string;
  let scheduler: TestScheduler;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let server: any;

  beforeAll(async () => {
    chartsDir = await makeChartsDir(env);
    scheduler = mockServices.scheduler() as TestScheduler;
    backend = await startTestBackend({
      features: [
        woowCloudServicesPlugin,
        helmOperatorPlugin,
        catalogPlugin,
        scaffolderEntityModel,
        scaffolderPlugin,
        catalogModuleWoowCloudServices,
        scaffolderModuleWoowCloudServices,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: portalConfig({
            app: { baseUrl: 'http://portal.test' },
            woowCloudServices: {
              reconciler: { frequencySeconds: 1, settleTimeoutSeconds: 240 },
            },
            helmOperator: { helmBinary: env.helm, localChartsDir: chartsDir },
          }),
        }),
      ],
    });
    server = backend.server;
  });

  afterAll(async () => {
    await backend?.stop();
    await deleteNamespace(env, namespace);
    if (chartsDir) fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  const get = (p: string) => request(server).get(p).set(auth);
  const catalogEntity = (ref: string) =>
    get(`/api/catalog/entities/by-name/${ref}`);

  /** Runs the provider, then waits until the catalog has processed `ref`. */
  async function publishedEntity(ref: string) {
    await scheduler.triggerTask(PROVIDER_TASK_ID);
    return eventually(
      async () => {
        const res = await catalogEntity(ref);
        return res.status === 200 ? res.body : undefined;
      },
      { what: `catalog entity ${ref}`, timeoutMs: 60_000 },
    );
  }

  let taskId: string;
  let serviceId: string;
  let releaseName: string;

  it('publishes the marketplace apps as Scaffolder templates', async () => {
    const feed = await request(server)
      .get('/api/woow-cloud-services/catalog-feed/templates')
      .set('Authorization', mockCredentials.service.header());
    // The feed must be mounted by the plugin (see src/catalog/catalogFeedRouter.ts).
    expect(feed.status).toBe(200);

    const template = await publishedEntity('template/default/woow-fixture-app');
    expect(template.spec.type).toBe('cloud-service');
    expect(template.spec.parameters.map((p: any) => p.title)).toEqual([
      'Application',
      'Configuration',
      'Advanced',
    ]);
    expect(template.spec.parameters[1].properties.password['ui:field']).toBe(
      'Secret',
    );
    expect((await catalogEntity('template/default/postgresql')).status).toBe(
      200,
    );
  });

  it('runs a template task that deploys the fixture chart as the user', async () => {
    const ws = await request(server)
      .post('/api/woow-cloud-services/workspaces')
      .set(auth)
      .send({ name: 'Scaffolder test', id: workspaceId });
    expect(ws.status).toBe(201);

    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set(auth)
      .send({
        templateRef: 'template:default/woow-fixture-app',
        values: {
          workspaceId,
          name: 'Scaffolded fixture',
          subdomain,
          // What the Secret field leaves in the form: a mask of the value.
          password: '*'.repeat(SECRET.length),
          replicaCount: 2,
          env__GREETING: 'hello from the scaffolder',
        },
        secrets: { password: SECRET },
      });
    expect(created.status).toBe(201);
    taskId = created.body.id;

    // The reconciler moves the service on while the deploy action waits for it.
    let done = false;
    const reconciling = (async () => {
      while (!done) {
        await scheduler.triggerTask(RECONCILER_TASK_ID).catch(() => undefined);
        await new Promise(r => setTimeout(r, 500));
      }
    })();
    let task: any;
    try {
      task = await eventually(
        async () => {
          const res = await get(`/api/scaffolder/v2/tasks/${taskId}`);
          return ['completed', 'failed', 'cancelled'].includes(res.body.status)
            ? res.body
            : undefined;
        },
        {
          what: `task ${taskId} to finish`,
          timeoutMs: 300_000,
          intervalMs: 1000,
        },
      );
    } finally {
      done = true;
      await reconciling;
    }
    if (task.status !== 'completed') {
      const events = await get(`/api/scaffolder/v2/tasks/${taskId}/events`);
      const log = events.body
        .map((e: any) => e.body?.message)
        .filter(Boolean)
        .join('\n');
      throw new Error(`task ${task.status}:\n${log}`);
    }

    const services = await get(
      `/api/woow-cloud-services/workspaces/${workspaceId}/services`,
    );
    expect(services.body.items).toHaveLength(1);
    const [service] = services.body.items;
    serviceId = service.id;
    releaseName = service.helmReleaseName;
    expect(service).toMatchObject({
      name: 'Scaffolded fixture',
      state: 'running',
      createdBy: USER,
      helmValues: {
        password: { isSet: true },
        replicaCount: 2,
        'env.GREETING': 'hello from the scaffolder',
      },
    });
    expect(await helmReleases(env, namespace)).toEqual([releaseName]);
    // The secret reached helm through the action, and only helm.
    expect(await helmValues(env, namespace, releaseName)).toMatchObject({
      password: SECRET,
      replicaCount: 2,
    });
  });

  it('publishes the deployed service as a Resource the Kubernetes plugin can find', async () => {
    const entity = await publishedEntity(`resource/default/${releaseName}`);
    expect(entity.spec).toEqual({ type: 'cloud-service', owner: USER });
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-id': releaseName,
      'backstage.io/kubernetes-namespace': namespace,
      'backstage.io/kubernetes-label-selector': `app.kubernetes.io/instance=${releaseName}`,
      'woow.cloud/service-id': serviceId,
      'woow.cloud/workspace-id': workspaceId,
    });
    expect(entity.metadata.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Open Web UI' }),
      ]),
    );
  });

  it('keeps the secret out of the task log and the stored task', async () => {
    const task = await get(`/api/scaffolder/v2/tasks/${taskId}`);
    expect(task.status).toBe(200);
    expect(task.body.spec.steps[0].action).toBe('woow:cloud-service:deploy');
    expect(task.body.spec.parameters.workspaceId).toBe(workspaceId);
    expect(JSON.stringify(task.body)).not.toContain(SECRET);

    const events = await get(`/api/scaffolder/v2/tasks/${taskId}/events`);
    expect(events.status).toBe(200);
    const log = events.body
      .map((e: any) => e.body?.message)
      .filter(Boolean)
      .join('\n');
    // The action's own progress is in the log ...
    expect(log).toContain('Service Scaffolded fixture is running');
    // ... and the secret nowhere in any event.
    expect(JSON.stringify(events.body)).not.toContain(SECRET);
    const completion = events.body.find((e: any) => e.type === 'completion');
    expect(JSON.stringify(completion.body.output.links)).toContain(
      `/cloud-services/workspaces/${workspaceId}/services/${serviceId}`,
    );
  });

  it('removes the entity of a deleted service on the next provider run', async () => {
    const servicePath = `/api/woow-cloud-services/workspaces/${workspaceId}/services/${serviceId}`;
    const { version } = (await get(servicePath)).body;
    const del = await request(server)
      .delete(`${servicePath}?deleteData=true&version=${version}`)
      .set(auth);
    expect(del.status).toBeLessThan(300);
    await eventually(
      async () => {
        await scheduler.triggerTask(RECONCILER_TASK_ID);
        await scheduler.triggerTask(PROVIDER_TASK_ID);
        return (
          (await catalogEntity(`resource/default/${releaseName}`)).status ===
          404
        );
      },
      {
        what: 'the service entity to disappear',
        timeoutMs: 240_000,
        intervalMs: 1000,
      },
    );
  });
});
