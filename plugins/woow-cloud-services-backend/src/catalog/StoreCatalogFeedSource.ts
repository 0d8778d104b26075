import {
  appTemplateSchema,
  type AppTemplate,
  type CatalogFeedService,
  type WorkspaceMember,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceRecord } from '../database/ServiceStore';
import type { WorkspaceRecord } from '../database/WorkspaceStore';
import { toCloudService } from '../services/mapping';
import type { CatalogFeedServices, CatalogFeedSource } from './catalogFeed';

/** How far before its cursor a read of changes starts again. */
export const CURSOR_OVERLAP_MS = 5_000;

/** The store methods the feed reads through (TemplateStore, ServiceStore, WorkspaceStore). */
export interface CatalogFeedStores {
  templates: {
    list(filter?: { includeInactive?: boolean }): Promise<AppTemplate[]>;
  };
  services: {
    /** Every live (not deleted) service of every workspace. */
    listLive(): Promise<ServiceRecord[]>;
    /** Services written since then, deleted ones included. */
    listChangedSince(since: Date): Promise<ServiceRecord[]>;
  };
  workspaces: {
    getMany(ids: string[]): Promise<Map<string, WorkspaceRecord>>;
    listMembersOf(ids: string[]): Promise<Map<string, WorkspaceMember[]>>;
  };
}

/**
 * A workspace can have several owners; the catalog wants one. Its creator
 * while they still own it, else the longest-standing owner, so the choice
 * does not flap between provider runs.
 */
export function workspaceOwner(
  workspace: Pick<WorkspaceRecord, 'createdBy'> | undefined,
  members: WorkspaceMember[],
): string | undefined {
  const owners = members.filter(m => m.role === 'owner');
  if (workspace && owners.some(m => m.userRef === workspace.createdBy)) {
    return workspace.createdBy;
  }
  const [first] = [...owners].sort(
    (a, b) =>
      a.addedAt.localeCompare(b.addedAt) || a.userRef.localeCompare(b.userRef),
  );
  return first?.userRef ?? workspace?.createdBy;
}

/** The catalog feed over the backend's stores (wired in plugin.ts). */
export class StoreCatalogFeedSource implements CatalogFeedSource {
  constructor(
    private readonly deps: CatalogFeedStores & { baseDomain: string },
  ) {}

  async listActiveTemplates(): Promise<AppTemplate[]> {
    const templates = await this.deps.templates.list({
      includeInactive: false,
    });
    // Only the API shape (zod drops the rest): the store record also says
    // which file a definition came from, which is nobody's business here.
    return templates.map(t => appTemplateSchema.parse(t));
  }

  /**
   * Every live service, or (with `since`) those written since then and the
   * deleted ones as tombstones; a constant number of queries (services,
   * their workspaces, their members), never one per workspace. The cursor is
   * this backend's clock before reading; the next read starts a little
   * earlier (CURSOR_OVERLAP_MS) so that a write committed late, or stamped
   * by a replica whose clock is behind, is not missed.
   */
  async listServices(since?: Date): Promise<CatalogFeedServices> {
    const cursor = new Date();
    const records = since
      ? await this.deps.services.listChangedSince(
          new Date(since.getTime() - CURSOR_OVERLAP_MS),
        )
      : await this.deps.services.listLive();
    const live = records.filter(r => !r.deletedAt);
    const removed = records
      .filter(r => r.deletedAt)
      .map(r => ({ id: r.id, helmReleaseName: r.helmReleaseName }));
    const ids = [...new Set(live.map(r => r.workspaceId))];
    const [workspaces, members] = await Promise.all([
      this.deps.workspaces.getMany(ids),
      this.deps.workspaces.listMembersOf(ids),
    ]);
    const items: CatalogFeedService[] = [];
    for (const record of live) {
      const workspace = workspaces.get(record.workspaceId);
      const ownerRef = workspaceOwner(
        workspace,
        members.get(record.workspaceId) ?? [],
      );
      if (!ownerRef) continue;
      items.push({
        ...toCloudService(record, this.deps.baseDomain),
        ownerRef,
        workspaceName: workspace?.name,
      });
    }
    return { items, removed, cursor: cursor.toISOString() };
  }
}
