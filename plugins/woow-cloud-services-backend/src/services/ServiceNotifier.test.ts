import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { EventStore } from '../database/EventStore';
import type { ServiceRecord } from '../database/ServiceStore';
import type { WorkspaceStore } from '../database/WorkspaceStore';
import { ServiceNotifier } from './ServiceNotifier';

const INITIATOR = 'user:default/alice';
const OWNER = 'user:default/olga';
const ADMIN = 'user:default/adam';
const MEMBER = 'user:default/mia';

const record = {
  id: 'svc-1',
  workspaceId: 'team-a-x1y2',
  name: 'Orders DB',
  state: 'deploying',
} as ServiceRecord;

function setup(options: { lastUserActor?: string; failSend?: boolean } = {}) {
  const sent: NotificationSendOptions[] = [];
  const logger = mockServices.logger.mock();
  const notifier = new ServiceNotifier({
    notifications: {
      async send(notification) {
        if (options.failSend) throw new Error('notifications is down');
        sent.push(notification);
      },
    },
    workspaces: {
      listMembers: async () => [
        { userRef: OWNER, role: 'owner' },
        { userRef: ADMIN, role: 'admin' },
        { userRef: MEMBER, role: 'member' },
        { userRef: INITIATOR, role: 'member' },
      ],
    } as unknown as WorkspaceStore,
    events: {
      lastUserActor: async () => options.lastUserActor,
    } as unknown as EventStore,
    logger,
  });
  return { notifier, sent, logger };
}

describe('ServiceNotifier', () => {
  it('tells only the initiator that an operation finished, with a link and a workspace topic', async () => {
    const { notifier, sent } = setup();
    await notifier.finished(record, 'deploy', INITIATOR);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: [INITIATOR] },
        payload: {
          title: 'Deploy of Orders DB finished',
          description: 'Orders DB is running in workspace team-a-x1y2.',
          severity: 'normal',
          link: '/cloud-services/workspaces/team-a-x1y2/services/svc-1',
          topic: 'workspace:team-a-x1y2',
          scope: 'service:svc-1',
        },
      },
    ]);
  });

  it('finds the initiator in the events when the reconciler finishes the work', async () => {
    const { notifier, sent } = setup({ lastUserActor: INITIATOR });
    await notifier.finished(record, 'delete', 'woow-cloud-services:reconciler');
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: [INITIATOR],
    });
    expect(sent[0].payload.title).toBe('Delete of Orders DB finished');
  });

  it('sends nothing on success when no user started it', async () => {
    const { notifier, sent } = setup();
    await notifier.finished(
      record,
      'upgrade',
      'woow-cloud-services:reconciler',
    );
    expect(sent).toEqual([]);
  });

  it('tells the initiator and the owners and admins of failures, as high', async () => {
    const { notifier, sent } = setup();
    await notifier.failed(record, 'rollback', OWNER);
    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: [OWNER, ADMIN],
    });
    expect(sent[0].payload).toMatchObject({
      title: 'Rollback of Orders DB failed',
      severity: 'high',
      link: '/cloud-services/workspaces/team-a-x1y2/services/svc-1',
    });
  });

  it('tells owners and admins when a running service goes to error', async () => {
    const { notifier, sent } = setup({ lastUserActor: MEMBER });
    await notifier.wentToError({ ...record, state: 'running' });
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: [OWNER, ADMIN],
    });
    expect(sent[0].payload).toMatchObject({
      title: 'Orders DB is in error',
      severity: 'high',
    });
  });

  it('logs, and does not throw, when sending fails', async () => {
    const { notifier, logger } = setup({ failSend: true });
    await expect(
      notifier.failed(record, 'deploy', INITIATOR),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith('Could not send a notification', {
      serviceId: 'svc-1',
      reason: 'notifications is down',
    });
  });
});
