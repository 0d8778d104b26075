import { validate } from 'jsonschema';
import {
  makeService,
  makeTemplate,
} from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import {
  FakeCloudServicesApi,
  runAction,
} from '../__testUtils__/actionTestKit';
import { createDeleteAction } from './delete';
import { createRollbackAction } from './rollback';
import { createUpgradeAction } from './upgrade';

function setup(role: 'member' | 'admin' = 'admin') {
  const api = new FakeCloudServicesApi();
  api.templates = [makeTemplate()];
  api.workspaces = [
    {
      id: 'team-a',
      name: 'Team A',
      description: '',
      namespace: 'paas-ws-team-a',
      createdBy: 'user:default/jane',
      createdAt: '',
      version: 1,
      myRole: role,
    },
  ];
  api.services.set('svc-1', makeService({ helmRevision: 3, version: 7 }));
  api.script = ['running'];
  const deps = { apiFor: () => api, pollIntervalMs: 1 };
  return { api, deps };
}

const target = { workspaceId: 'team-a', serviceId: 'svc-1' };

describe('woow:cloud-service:upgrade', () => {
  it('sends changed values, resets and the version it read, then waits', async () => {
    const { api, deps } = setup();
    api.script = ['running', 'upgrading', 'running'];
    const run = await runAction(
      createUpgradeAction(deps),
      {
        ...target,
        values: { replicaCount: '3', tier: null },
        secretValues: { 'auth.password': 'pw' },
        chartVersion: '16.1.0',
      },
      { secrets: { pw: 'new-secret' } },
    );
    expect(api.callsTo('updateService')[0].args[2]).toEqual({
      version: 7,
      helmValues: {
        replicaCount: 3,
        'auth.password': 'new-secret',
        tier: null,
      },
      chartVersion: '16.1.0',
    });
    expect(run.output).toMatchObject({
      serviceId: 'svc-1',
      helmRevision: 4,
      state: 'running',
    });
    expect(run.log.join('\n')).not.toContain('new-secret');
  });

  it('previews in a dry run without changing anything', async () => {
    const { api, deps } = setup();
    const run = await runAction(
      createUpgradeAction(deps),
      { ...target, values: { replicaCount: 2 } },
      { isDryRun: true },
    );
    expect(api.callsTo('updateService')).toHaveLength(0);
    expect(run.log.join('\n')).toContain('would upgrade Orders DB (revision 3');
  });

  it('refuses out-of-bounds values and empty upgrades', async () => {
    const { deps } = setup();
    const action = createUpgradeAction(deps);
    await expect(
      runAction(action, { ...target, values: { replicaCount: 9 } }),
    ).rejects.toThrow('replicaCount must be at most 5');
    await expect(runAction(action, target)).rejects.toThrow(
      'Nothing to change',
    );
  });
});

describe('woow:cloud-service:rollback', () => {
  it('rolls back to an earlier revision', async () => {
    const { api, deps } = setup();
    const run = await runAction(createRollbackAction(deps), {
      ...target,
      revision: 2,
    });
    expect(api.callsTo('rollbackService')[0].args[2]).toEqual({
      revision: 2,
      version: 7,
    });
    expect(run.output).toMatchObject({ helmRevision: 4, state: 'running' });
  });

  it('refuses the current or a later revision, and a revision 0 by schema', async () => {
    const { deps } = setup();
    const action = createRollbackAction(deps);
    await expect(
      runAction(action, { ...target, revision: 3 }, { isDryRun: true }),
    ).rejects.toThrow('not earlier than the current revision 3');
    expect(
      validate({ ...target, revision: 0 }, action.schema!.input!).valid,
    ).toBe(false);
  });
});

describe('woow:cloud-service:delete', () => {
  it('deletes, keeping data unless asked, and waits until the service is gone', async () => {
    const { api, deps } = setup();
    const run = await runAction(createDeleteAction(deps), target);
    expect(api.callsTo('deleteService')[0].args[2]).toEqual({
      deleteData: false,
      version: 7,
    });
    expect(api.services.has('svc-1')).toBe(false);
    expect(run.output).toEqual({ serviceId: 'svc-1', deleted: true });
  });

  it('needs an admin in a dry run', async () => {
    const { api, deps } = setup('member');
    await expect(
      runAction(
        createDeleteAction(deps),
        { ...target, deleteData: true },
        { isDryRun: true },
      ),
    ).rejects.toThrow('this needs admin or higher');
    expect(api.callsTo('deleteService')).toHaveLength(0);
  });
});
