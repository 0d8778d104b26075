import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  makeFeedService,
  makeTemplate,
} from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import {
  WoowCloudServicesEntityProvider,
  type CatalogFeedReader,
} from './WoowCloudServicesEntityProvider';

function setup(
  feed: CatalogFeedReader,
  options: { fullResyncEvery?: number } = {},
) {
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  const taskRunner = { run: jest.fn() };
  const provider = new WoowCloudServicesEntityProvider({
    feed,
    logger: mockServices.logger.mock(),
    taskRunner,
    ...options,
  });
  return { provider, connection, taskRunner };
}

describe('WoowCloudServicesEntityProvider', () => {
  it('schedules its refresh when the catalog connects', async () => {
    const { provider, connection, taskRunner } = setup({
      listTemplates: async () => [],
      listServices: async () => ({ items: [], removed: [], cursor: 'c0' }),
    });
    await provider.connect(connection);
    expect(provider.getProviderName()).toBe('woow-cloud-services');
    expect(taskRunner.run).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'woow-cloud-services:refresh' }),
    );
  });

  it('replaces everything it published with one full mutation', async () => {
    const { provider, connection } = setup({
      listTemplates: async () => [makeTemplate()],
      listServices: async () => ({
        items: [makeFeedService()],
        removed: [],
        cursor: 'c0',
      }),
    });
    await provider.connect(connection);
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    const refs = (mutation as any).entities.map(
      (d: any) => `${d.entity.kind}:${d.entity.metadata.name}@${d.locationKey}`,
    );
    expect(refs).toEqual([
      'Template:postgresql@woow-cloud-services',
      'Resource:paas-ws-team-a-k3x9q2@woow-cloud-services',
    ]);
  });

  it('changes nothing when one of the lists cannot be read', async () => {
    const { provider, connection, taskRunner } = setup({
      listTemplates: async () => [makeTemplate()],
      listServices: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow('ECONNREFUSED');
    // The scheduled function logs instead of throwing.
    await expect(
      taskRunner.run.mock.calls[0][0].fn(new AbortController().signal),
    ).resolves.toBeUndefined();
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
  it('applies deltas after the first run: changed services added, deleted ones removed, templates only when they changed', async () => {
    const created = makeFeedService();
    const other = makeFeedService({
      id: 'svc-2',
      helmReleaseName: 'paas-ws-team-a-other1',
    });
    let templates = [makeTemplate()];
    const answers: Record<
      string,
      Awaited<ReturnType<CatalogFeedReader['listServices']>>
    > = {
      full: { items: [created], removed: [], cursor: 'c1' },
      c1: { items: [other], removed: [], cursor: 'c2' },
      c2: {
        items: [{ ...created, name: 'Renamed' }],
        removed: [{ id: 'svc-2', helmReleaseName: 'paas-ws-team-a-other1' }],
        cursor: 'c3',
      },
      c3: { items: [], removed: [], cursor: 'c4' },
      c4: { items: [], removed: [], cursor: 'c5' },
      c5: { items: [], removed: [], cursor: 'c6' },
    };
    const asked: Array<string | undefined> = [];
    const { provider, connection } = setup(
      {
        listTemplates: async () => templates,
        listServices: async since => {
          asked.push(since);
          return answers[since ?? 'full'];
        },
      },
      { fullResyncEvery: 6 },
    );
    await provider.connect(connection);
    const names = (list: any[]) =>
      list.map(d => d.entity?.metadata.name ?? d.entityRef);

    expect(await provider.sync()).toMatchObject({ type: 'full' });
    // A service created since the cursor.
    expect(await provider.sync()).toEqual({
      type: 'delta',
      added: 1,
      removed: 0,
    });
    let mutation = connection.applyMutation.mock.calls[1][0] as any;
    expect(mutation.type).toBe('delta');
    expect(names(mutation.added)).toEqual(['paas-ws-team-a-other1']);
    expect(mutation.removed).toEqual([]);
    // One updated, one deleted (a tombstone).
    await provider.sync();
    mutation = connection.applyMutation.mock.calls[2][0] as any;
    expect(mutation.added.map((d: any) => d.entity.metadata.title)).toEqual([
      'Renamed',
    ]);
    expect(mutation.removed).toEqual([
      {
        entityRef: 'resource:default/paas-ws-team-a-other1',
        locationKey: 'woow-cloud-services',
      },
    ]);
    // Nothing changed: no mutation at all.
    await provider.sync();
    expect(connection.applyMutation).toHaveBeenCalledTimes(3);
    // A template changed and another added: they go out with the next
    // delta; one no longer active is removed.
    templates = [
      makeTemplate({ name: 'PostgreSQL 17' }),
      makeTemplate({ slug: 'redis', name: 'Redis' }),
    ];
    await provider.sync();
    mutation = connection.applyMutation.mock.calls[3][0] as any;
    expect(names(mutation.added)).toEqual(['postgresql', 'redis']);
    templates = [makeTemplate({ slug: 'redis', name: 'Redis' })];
    await provider.sync();
    mutation = connection.applyMutation.mock.calls[4][0] as any;
    expect(mutation.added).toEqual([]);
    expect(names(mutation.removed)).toEqual(['template:default/postgresql']);
    // Every sixth run apart is a full resync: the seventh.
    await provider.sync();
    expect(connection.applyMutation.mock.calls[5][0].type).toBe('full');
    expect(asked).toEqual([undefined, 'c1', 'c2', 'c3', 'c4', 'c5', undefined]);
  });
});
