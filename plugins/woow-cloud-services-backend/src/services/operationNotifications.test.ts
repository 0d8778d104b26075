import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type {
  ReleaseState,
  ReleaseStatusResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { applyDatabaseMigrations } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  WorkspaceNamespaceStub,
  installedRelease,
  createTestCloudServices,
  createTestWorkspace,
} from '../__testUtils__/testServices';
import { testSettings } from '../__testUtils__/portalConfig';

// Which notifications the ActionRunner and the Reconciler send as operations
// end: the object graph of createCloudServices over a real database, with the
// operator replaced by a small in-memory stand-in and the notification
// service by a recorder.

const OWNER = 'user:default/owner';
const MEMBER = 'user:default/member';
const PASSWORD = 'correct horse battery staple';

/** The operator calls a deploy makes; what the release is doing is set by the test. */
class DeployOnlyOperator extends WorkspaceNamespaceStub {
  state: ReleaseState = 'progressing';
  exists = false;
  refuseInstall = false;

  async installRelease(req: { namespace: string; releaseName: string }) {
    if (this.refuseInstall)
      throw new InputError('helm-operator install: chart values rejected');
    this.exists = true;
    return installedRelease(req);
  }
  async getStatus(
    ns: string,
    name: string,
  ): Promise<ReleaseStatusResponse | undefined> {
    if (!this.exists) return undefined;
    return {
      namespace: ns,
      releaseName: name,
      state: this.state,
      helmStatus: this.state === 'failed' ? 'failed' : 'deployed',
      revision: 1,
      workloads: [],
      pods: [],
      problems: [],
      message: this.state === 'running' ? '' : `workloads ${this.state}`,
    } as ReleaseStatusResponse;
  }
}

const settings = testSettings({
  reconciler: { frequencySeconds: 1, maxAttempts: 3 },
});

describe('notifications of operations', () => {
  const databases = createTestDatabases();

  async function setup(id: any) {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    const operator = new DeployOnlyOperator();
    const sent: NotificationSendOptions[] = [];
    const services = createTestCloudServices({
      knex,
      operator,
      settings,
      notifications: {
        async send(options) {
          sent.push(options);
        },
      },
    });
    await services.marketplaceLoader.load(settings.marketplaceLocations);
    const owner = mockCredentials.user(OWNER);
    const workspaceId = await createTestWorkspace(services, owner);
    await services.workspaces.addMember(owner, workspaceId, {
      userRef: MEMBER,
      role: 'member',
    });
    const deploy = () =>
      services.lifecycle.create(mockCredentials.user(MEMBER), workspaceId, {
        templateId: 'woow-fixture-app',
        name: 'Fixture',
        subdomain: `fx-${Math.random().toString(36).slice(2, 8)}`,
        helmValues: { password: PASSWORD },
      });
    return { operator, services, sent, deploy, workspaceId };
  }

  it.each(databases.eachSupportedId())(
    'tells the member who deployed, once, when the reconciler sees it running, on %p',
    async id => {
      const { operator, services, sent, deploy, workspaceId } = await setup(id);
      const created = await deploy();
      await services.reconciler.reconcileService(created.id);
      expect(sent).toEqual([]);
      operator.state = 'running';
      await services.reconciler.reconcileService(created.id);
      await services.reconciler.reconcileService(created.id);
      expect(sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: [MEMBER] },
          payload: expect.objectContaining({
            title: 'Deploy of Fixture finished',
            severity: 'normal',
            link: `/cloud-services/workspaces/${workspaceId}/services/${created.id}`,
            topic: `workspace:${workspaceId}`,
          }),
        },
      ]);
      expect(JSON.stringify(sent)).not.toContain(PASSWORD);
    },
  );

  it.each(databases.eachSupportedId())(
    'tells the member and the owner when the release fails, and the owner when a running service breaks, on %p',
    async id => {
      const { operator, services, sent, deploy } = await setup(id);
      const created = await deploy();
      operator.state = 'failed';
      await services.reconciler.reconcileService(created.id);
      expect(sent).toHaveLength(1);
      expect(sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: [MEMBER, OWNER],
      });
      expect(sent[0].payload).toMatchObject({
        title: 'Deploy of Fixture failed',
        severity: 'high',
      });

      // Recovered (no notice), then broken again while running.
      operator.state = 'running';
      await services.reconciler.reconcileService(created.id);
      expect(sent).toHaveLength(1);
      operator.state = 'failed';
      await services.reconciler.reconcileService(created.id);
      expect(sent).toHaveLength(2);
      expect(sent[1].recipients).toEqual({
        type: 'entity',
        entityRef: [OWNER],
      });
      expect(sent[1].payload.title).toBe('Fixture is in error');
    },
  );

  it.each(databases.eachSupportedId())(
    'tells the member and the owner when the operator refuses the deploy, on %p',
    async id => {
      const { operator, sent, deploy } = await setup(id);
      operator.refuseInstall = true;
      const created = await deploy();
      expect(created.state).toBe('error');
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        recipients: { type: 'entity', entityRef: [MEMBER, OWNER] },
        payload: { title: 'Deploy of Fixture failed', severity: 'high' },
      });
    },
  );
});
