import { mockCredentials } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { errorOfFailedCall } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { reconcilerSettings as settings } from '../__testUtils__/FakeOperator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  WorkspaceNamespaceStub,
  runningStatus,
  createTestCloudServices,
  createTestWorkspace,
} from '../__testUtils__/testServices';

/** An operator answer as the shared client turns it into an error. */
const failed = (answer: { status: number; body: unknown }, what: string) =>
  errorOfFailedCall({
    what: `helm-operator ${what}`,
    status: answer.status,
    body: answer.body,
    headers: new Headers(),
  });

// The operator's permanent refusals and the rules that keep a service as it
// was: the object graph of createCloudServices over a real database, the
// operator replaced by a stand-in whose errors go through the real errorOfFailedCall
// (the operator's error bodies as they come over HTTP).

const OWNER = 'user:default/owner';
const PASSWORD = 'correct horse battery staple';

const KEEP_DATA_REFUSAL = {
  error: {
    name: 'KeepDataImpossibleError',
    message:
      'Release "x" cannot be uninstalled keeping its data: helm deletes its PVC(s) data (no helm.sh/resource-policy: keep); retry with deleteData=true',
  },
};
const UPGRADE_REFUSAL = {
  error: {
    name: 'UpgradeRefusedError',
    message:
      'Upgrade of release "x" refused before anything was applied: the cluster would not accept StatefulSet "x-master" (changing spec.volumeClaimTemplates[0].spec.resources.requests.storage): spec: Forbidden',
  },
};

/** Installs and answers status; uninstall and upgrade answer what the test sets. */
class RefusingOperator extends WorkspaceNamespaceStub {
  calls: string[] = [];
  uninstallAnswer?: { status: number; body: unknown };
  upgradeAnswer?: { status: number; body: unknown };
  refusals: unknown[] = [];

  async installRelease(req: { namespace: string; releaseName: string }) {
    this.calls.push('install');
    return { ...req, status: 'deployed', revision: 1, ingress: null };
  }
  async upgradeRelease(namespace: string, releaseName: string) {
    this.calls.push('upgrade');
    const answer = this.upgradeAnswer;
    if (answer) throw failed(answer, 'upgradeRelease');
    return {
      namespace,
      releaseName,
      status: 'deployed',
      revision: 2,
      ingress: null,
    };
  }
  async uninstallRelease(namespace: string, releaseName: string) {
    this.calls.push('uninstall');
    const answer = this.uninstallAnswer;
    if (answer) throw failed(answer, 'uninstallRelease');
    return {
      namespace,
      releaseName,
      ingressDeleted: false,
      deletedPvcs: [],
      retainedPvcs: [],
    };
  }
  async diffRelease(namespace: string, releaseName: string) {
    return {
      namespace,
      releaseName,
      fromRevision: 1,
      target: 'upgrade',
      values: { added: [], removed: [], changed: [] },
      manifestDiff: '',
      changed: true,
      refusals: this.refusals,
    };
  }
  async getStatus(namespace: string, releaseName: string) {
    return runningStatus(namespace, releaseName);
  }
}

describe('permanent operator refusals and immutable values', () => {
  const databases = createTestDatabases();
  const owner = mockCredentials.user(OWNER);

  async function setup(id: any) {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    const operator = new RefusingOperator();
    const services = createTestCloudServices({ knex, operator, settings });
    await services.marketplaceLoader.load(settings.marketplaceLocations);
    const workspaceId = await createTestWorkspace(services, owner);
    /** A Redis (its storage size is immutable in the marketplace), running. */
    const running = async () => {
      const created = await services.lifecycle.create(owner, workspaceId, {
        templateId: 'redis',
        name: 'Cache',
        helmValues: {
          'auth.password': PASSWORD,
          'master.persistence.size': '4Gi',
        },
      });
      const record = await services.reconciler.reconcileService(created.id);
      expect(record?.state).toBe('running');
      return record!;
    };
    const events = async (serviceId: string) =>
      (await services.stores.events.list(serviceId)).map(e => ({
        type: e.type,
        toState: e.toState,
        result: e.result,
        message: e.message,
      }));
    return { knex, operator, services, workspaceId, running, events };
  }

  it.each(databases.eachSupportedId())(
    'shows a "keep data" refusal at once (409), never retries it, and leaves the service as it was, on %p',
    async id => {
      const { knex, operator, services, workspaceId, running } = await setup(
        id,
      );
      const service = await running();
      operator.uninstallAnswer = { status: 409, body: KEEP_DATA_REFUSAL };

      await expect(
        services.lifecycle.delete(owner, workspaceId, service.id, {
          deleteData: false,
          version: service.version,
        }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('retry with deleteData=true'),
      });
      const after = await services.stores.services.get(service.id);
      expect(after).toMatchObject({
        state: 'running',
        pendingAction: null,
        attempts: 0,
        deletedAt: null,
      });
      // Later passes of the reconciler do not try the uninstall again.
      await services.reconciler.reconcileDue(new Date(Date.now() + 3_600_000));
      await services.reconciler.reconcileService(service.id);
      expect(operator.calls.filter(c => c === 'uninstall')).toHaveLength(1);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'retries a plain operator conflict (another operation in progress), on %p',
    async id => {
      const { knex, operator, services, workspaceId, running } = await setup(
        id,
      );
      const service = await running();
      operator.uninstallAnswer = {
        status: 409,
        body: {
          error: {
            name: 'ConflictError',
            message: 'another operation is in progress',
          },
        },
      };
      const deleting = await services.lifecycle.delete(
        owner,
        workspaceId,
        service.id,
        {
          deleteData: false,
          version: service.version,
        },
      );
      expect(deleting.state).toBe('deleting');
      expect(deleting.statusDetail).toMatch(
        /will be retried .* \(attempt 1 of 3\)/,
      );
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a service whose upgrade the cluster refuses running on its values, the reason in the activity log, on %p',
    async id => {
      const { knex, operator, services, workspaceId, running, events } =
        await setup(id);
      const service = await running();
      operator.upgradeAnswer = { status: 422, body: UPGRADE_REFUSAL };

      await expect(
        services.updater.update(owner, workspaceId, service.id, {
          version: service.version,
          helmValues: { 'auth.password': 'another password 123' },
        }),
      ).rejects.toMatchObject({
        message: expect.stringContaining('volumeClaimTemplates'),
      });
      const after = await services.stores.services.get(service.id);
      expect(after).toMatchObject({
        state: 'running',
        errorMessage: null,
        pendingAction: null,
      });
      // The refused password is not kept: the sealed values are the old ones.
      expect(after!.helmSecrets).toEqual(service.helmSecrets);
      const log = await events(service.id);
      expect(log).toContainEqual({
        type: 'upgrade',
        toState: 'running',
        result: 'failure',
        message: expect.stringContaining(
          'Upgrade refused by the cluster; nothing was changed and the service stays on its current revision.',
        ),
      });
      expect(log.some(e => e.toState === 'error')).toBe(false);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a change of an immutable value with a 400 naming the field, changing nothing, on %p',
    async id => {
      const { knex, operator, services, workspaceId, running } = await setup(
        id,
      );
      const service = await running();
      await expect(
        services.updater.update(owner, workspaceId, service.id, {
          version: service.version,
          helmValues: { 'master.persistence.size': '8Gi' },
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        fields: [
          {
            field: 'helmValues.master.persistence.size',
            message:
              'is fixed at launch (immutable) and cannot be changed on a deployed service',
          },
        ],
      });
      const after = await services.stores.services.get(service.id);
      expect(after).toMatchObject({
        version: service.version,
        state: 'running',
      });
      expect(after!.helmValues['master.persistence.size']).toBe('4Gi');
      expect(operator.calls).toEqual(['install']);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'passes the cluster refusals of an upgrade to the preview, on %p',
    async id => {
      const { knex, operator, services, workspaceId, running } = await setup(
        id,
      );
      const service = await running();
      const refusal = {
        kind: 'StatefulSet',
        name: 'x-master',
        fields: [
          'spec.volumeClaimTemplates[0].spec.resources.requests.storage',
        ],
        message: 'spec: Forbidden',
      };
      operator.refusals = [refusal];
      const preview = await services.updater.preview(
        owner,
        workspaceId,
        service.id,
        {
          helmValues: { 'auth.password': 'another password 123' },
        },
      );
      expect(preview.refusals).toEqual([refusal]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    "puts back the running revision's values when a retried upgrade is refused, on %p",
    async id => {
      const { knex, operator, services, workspaceId, running, events } =
        await setup(id);
      const service = await running();
      // First the operator cannot be reached: the upgrade waits for a retry.
      operator.upgradeAnswer = {
        status: 503,
        body: { error: { name: 'ServiceUnavailableError', message: 'down' } },
      };
      const waiting = await services.updater.update(
        owner,
        workspaceId,
        service.id,
        {
          version: service.version,
          helmValues: { 'auth.password': 'another password 123' },
        },
      );
      expect(waiting.state).toBe('upgrading');
      // Then the retry is refused by the cluster.
      operator.upgradeAnswer = { status: 422, body: UPGRADE_REFUSAL };
      const after = await services.reconciler.reconcileService(service.id);
      expect(after).toMatchObject({
        state: 'running',
        errorMessage: null,
        pendingAction: null,
      });
      expect(after!.helmSecrets).toEqual(service.helmSecrets);
      expect((await events(service.id))[0]).toMatchObject({
        type: 'upgrade',
        result: 'failure',
      });
      await knex.destroy();
    },
  );
});
