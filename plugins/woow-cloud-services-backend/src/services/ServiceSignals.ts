import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  workspaceSignalChannel,
  workspaceSignalSchema,
  type WorkspaceSignal,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { MembershipChange } from '../database/ChangeFeed';
import type { ServiceRecord } from '../database/ServiceStore';
import type { WorkspaceStore } from '../database/WorkspaceStore';

/**
 * Tells open pages that something in a workspace changed, through Backstage
 * signals on the workspace's channel, to its members only. A message names
 * the change (service id, state, version, helm revision), never values or
 * secrets: pages read the service again through the API with the user's
 * own rights. Callers treat a failure as best effort (see ChangeFeed).
 */
export class ServiceSignals {
  constructor(
    private readonly deps: {
      signals: SignalsService;
      workspaces: WorkspaceStore;
    },
  ) {}

  async serviceChanged(record: ServiceRecord): Promise<void> {
    await this.publish(record.workspaceId, [], {
      type: 'service-changed',
      workspaceId: record.workspaceId,
      serviceId: record.id,
      state: record.state,
      version: record.version,
      helmRevision: record.helmRevision,
      deleted: record.deletedAt !== null,
    });
  }

  /** A backup or restore of the service changed (the Backups tab reloads). */
  async backupsChanged(workspaceId: string, serviceId: string): Promise<void> {
    await this.publish(workspaceId, [], {
      type: 'backups-changed',
      workspaceId,
      serviceId,
    });
  }

  /** The member it was about is told too, also when they just left. */
  async membersChanged(change: MembershipChange): Promise<void> {
    await this.publish(change.workspaceId, [change.userRef], {
      type: 'members-changed',
      workspaceId: change.workspaceId,
    });
  }

  private async publish(
    workspaceId: string,
    alsoTell: string[],
    message: WorkspaceSignal,
  ): Promise<void> {
    const members = await this.deps.workspaces.listMembers(workspaceId);
    const entityRef = [
      ...new Set([...members.map(m => m.userRef), ...alsoTell]),
    ];
    if (entityRef.length === 0) return;
    await this.deps.signals.publish({
      recipients: { type: 'user', entityRef },
      channel: workspaceSignalChannel(workspaceId),
      // Parsed: the strict schema refuses any field beyond the ids.
      message: workspaceSignalSchema.parse(message),
    });
  }
}
