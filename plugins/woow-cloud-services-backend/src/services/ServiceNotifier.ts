import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  hasRoleAtLeast,
  workspaceNotificationTopic,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { EventStore } from '../database/EventStore';
import type { PendingAction, ServiceRecord } from '../database/ServiceStore';
import type { WorkspaceStore } from '../database/WorkspaceStore';

/** The operations whose end is announced. */
export type NotifiedOperation = 'deploy' | 'upgrade' | 'rollback' | 'delete';

const OPERATION_OF_ACTION: Record<PendingAction['kind'], NotifiedOperation> = {
  install: 'deploy',
  upgrade: 'upgrade',
  rollback: 'rollback',
  uninstall: 'delete',
};

const OPERATION_OF_STATE: Partial<Record<string, NotifiedOperation>> = {
  deploying: 'deploy',
  upgrading: 'upgrade',
  rolling_back: 'rollback',
  deleting: 'delete',
};

const NOUN: Record<NotifiedOperation, string> = {
  deploy: 'Deploy',
  upgrade: 'Upgrade',
  rollback: 'Rollback',
  delete: 'Delete',
};

export function operationOfAction(
  kind: PendingAction['kind'],
): NotifiedOperation {
  return OPERATION_OF_ACTION[kind];
}

/** The operation a service in this state is in the middle of, if any. */
export function operationOfState(
  state: ServiceRecord['state'],
): NotifiedOperation | undefined {
  return OPERATION_OF_STATE[state];
}

/** The frontend's service page (CloudServicesRouter under /cloud-services). */
export function servicePageLink(record: ServiceRecord): string {
  return `/cloud-services/workspaces/${encodeURIComponent(
    record.workspaceId,
  )}/services/${encodeURIComponent(record.id)}`;
}

/**
 * Tells people how service operations ended, through the notifications
 * plugin: the user who started a deploy, upgrade, rollback or delete when it
 * finishes or fails; on failures (and a running service going to error) the
 * workspace's owners and admins too. Texts carry names, states and links,
 * never values; the reason of a failure is on the service page. Sending is
 * best effort: a notification that cannot be sent is logged, never an
 * error of the operation.
 */
export class ServiceNotifier {
  constructor(
    private readonly deps: {
      notifications: NotificationService;
      workspaces: WorkspaceStore;
      events: EventStore;
      logger: LoggerService;
    },
  ) {}

  /** `actor`: who the caller knows started it (a user ref), else looked up in the events. */
  async finished(
    record: ServiceRecord,
    operation: NotifiedOperation,
    actor?: string,
  ): Promise<void> {
    const initiator = await this.initiatorOf(record, actor);
    if (!initiator) return;
    const done =
      operation === 'delete'
        ? `was deleted from workspace ${record.workspaceId}`
        : `is running in workspace ${record.workspaceId}`;
    await this.send(record, [initiator], {
      title: `${NOUN[operation]} of ${record.name} finished`,
      description: `${record.name} ${done}.`,
      severity: 'normal',
    });
  }

  async failed(
    record: ServiceRecord,
    operation: NotifiedOperation,
    actor?: string,
  ): Promise<void> {
    const initiator = await this.initiatorOf(record, actor);
    await this.send(record, [initiator, ...(await this.admins(record))], {
      title: `${NOUN[operation]} of ${record.name} failed`,
      description: `${record.name} in workspace ${record.workspaceId} is in error. Open the service for the reason and what to do.`,
      severity: 'high',
    });
  }

  /**
   * A backup or restore of the service ended: who asked is told; on a
   * failure the workspace's owners and admins too. The reason is on the
   * Backups tab, not in the text.
   */
  async dataOperationEnded(
    record: ServiceRecord,
    operation: 'Backup' | 'Restore',
    succeeded: boolean,
    initiator: string,
  ): Promise<void> {
    const recipients = succeeded
      ? [initiator]
      : [initiator, ...(await this.admins(record))];
    await this.send(
      record,
      recipients.filter(r => r.startsWith('user:')),
      {
        title: `${operation} of ${record.name} ${
          succeeded ? 'finished' : 'failed'
        }`,
        description: succeeded
          ? `${operation} of ${record.name} in workspace ${record.workspaceId} finished.`
          : `${operation} of ${record.name} in workspace ${record.workspaceId} failed. Open the Backups tab for the reason.`,
        severity: succeeded ? 'normal' : 'high',
      },
    );
  }

  /** A running service went to error without anyone asking for a change. */
  async wentToError(record: ServiceRecord): Promise<void> {
    await this.send(record, await this.admins(record), {
      title: `${record.name} is in error`,
      description: `${record.name} in workspace ${record.workspaceId} stopped working. Open the service for the reason and what to do.`,
      severity: 'high',
    });
  }

  private async initiatorOf(
    record: ServiceRecord,
    actor?: string,
  ): Promise<string | undefined> {
    if (actor?.startsWith('user:')) return actor;
    return this.deps.events.lastUserActor(record.id);
  }

  private async admins(record: ServiceRecord): Promise<string[]> {
    const members = await this.deps.workspaces.listMembers(record.workspaceId);
    return members
      .filter(m => hasRoleAtLeast(m.role, 'admin'))
      .map(m => m.userRef);
  }

  private async send(
    record: ServiceRecord,
    recipients: Array<string | undefined>,
    text: {
      title: string;
      description: string;
      severity: 'normal' | 'high';
    },
  ): Promise<void> {
    const entityRef = [...new Set(recipients.filter(Boolean) as string[])];
    if (entityRef.length === 0) return;
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          ...text,
          link: servicePageLink(record),
          topic: workspaceNotificationTopic(record.workspaceId),
          // One entry per service: a later notice replaces the earlier one.
          scope: `service:${record.id}`,
        },
      });
    } catch (error) {
      this.deps.logger.warn('Could not send a notification', {
        serviceId: record.id,
        reason: (error as Error).message,
      });
    }
  }
}
