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

function setup(feed: CatalogFeedReader) {
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  const taskRunner = { run: jest.fn() };
  const provider = new WoowCloudServicesEntityProvider({
    feed,
    logger: mockServices.logger.mock(),
    taskRunner,
  });
  return { provider, connection, taskRunner };
}

describe('WoowCloudServicesEntityProvider', () => {
  it('schedules its refresh when the catalog connects', async () => {
    const { provider, connection, taskRunner } = setup({
      listTemplates: async () => [],
      listServices: async () => [],
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
      listServices: async () => [makeFeedService()],
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
});
