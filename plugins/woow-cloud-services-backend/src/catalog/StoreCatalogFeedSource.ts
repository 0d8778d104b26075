import {
  appTemplateSchema,
  type AppTemplate,
  type CatalogFeedService,
  type WorkspaceMember,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceRecord } from '../database/ServiceStore';
import type { WorkspaceRecord } from '../database/WorkspaceStore';
import { toCloudService } from '../services/mapping';
import type { CatalogFeedSource } from './catalogFeed';

/** The store methods the feed reads through (TemplateStore, ServiceStore, WorkspaceStore). */
export interface CatalogFeedStores {
  templates: {
    list(filter?: { includeInactive?: boolean }): Promise<AppTemplate[]>;
  };
  /** Every live (not deleted) service of every workspace. */
  services: { listLive(): Promise<ServiceRecord[]> };
  workspaces: {
    get(id: string): Promise<WorkspaceRecord | undefined>;
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

  async listServices(): Promise<CatalogFeedService[]> {
    const records = await this.deps.services.listLive();
    const ids = [...new Set(records.map(r => r.workspaceId))];
    const [workspaces, members] = await Promise.all([
      Promise.all(ids.map(id => this.deps.workspaces.get(id))),
      this.deps.workspaces.listMembersOf(ids),
    ]);
    const byId = new Map(ids.map((id, i) => [id, workspaces[i]]));
    const items: CatalogFeedService[] = [];
    for (const record of records) {
      const workspace = byId.get(record.workspaceId);
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
    return items;
  }
}
