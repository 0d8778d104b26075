import { ConflictError } from '@backstage/errors';
import type {
  WorkspaceMember,
  WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { Knex } from 'knex';
import type { MembershipChangeFeed } from './ChangeFeed';
import { toDate, toIso, uniqueViolationColumn } from './columns';

/** A workspace as stored (without the caller-specific fields of the API). */
export interface WorkspaceRecord {
  id: string;
  name: string;
  description: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A workspace the user belongs to, with their role and live services. */
export interface MyWorkspaceRecord extends WorkspaceRecord {
  myRole: WorkspaceRole;
  serviceCount: number;
}

type WorkspaceRow = {
  id: string;
  name: string;
  description: string;
  created_by: string;
  created_at: unknown;
  updated_at: unknown;
  version: number;
};

function fromRow(row: WorkspaceRow): WorkspaceRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    version: Number(row.version),
  };
}

/**
 * Workspaces and their members (table `workspaces`, `workspace_members`).
 * Each member added, changed or removed is announced on `memberships` once
 * it is stored.
 */
export class WorkspaceStore {
  constructor(
    private readonly db: Knex,
    private readonly memberships?: MembershipChangeFeed,
  ) {}

  /** Creates the workspace and its first owner in one transaction. */
  async create(workspace: {
    id: string;
    name: string;
    description: string;
    owner: string;
  }): Promise<WorkspaceRecord> {
    const now = new Date();
    try {
      await this.db.transaction(async tx => {
        await tx('workspaces').insert({
          id: workspace.id,
          name: workspace.name,
          description: workspace.description,
          created_by: workspace.owner,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await tx('workspace_members').insert({
          workspace_id: workspace.id,
          user_ref: workspace.owner,
          role: 'owner',
          added_by: workspace.owner,
          added_at: now,
        });
      });
    } catch (error) {
      if (uniqueViolationColumn(error, 'workspaces', ['id'])) {
        throw new ConflictError(`Workspace ${workspace.id} exists already`);
      }
      throw error;
    }
    return (await this.get(workspace.id))!;
  }

  async get(id: string): Promise<WorkspaceRecord | undefined> {
    const row = await this.db<WorkspaceRow>('workspaces').where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** Several workspaces in one query (the catalog feed), by id. */
  async getMany(ids: string[]): Promise<Map<string, WorkspaceRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db<WorkspaceRow>('workspaces').whereIn('id', ids);
    return new Map(rows.map(row => [row.id, fromRow(row)]));
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.db('workspaces').where({ id }).first('id'));
  }

  /** The workspaces `userRef` is a member of, with role and service count. */
  async listForUser(userRef: string): Promise<MyWorkspaceRecord[]> {
    const rows = await this.db('workspaces as w')
      .join('workspace_members as m', 'm.workspace_id', 'w.id')
      .where('m.user_ref', userRef)
      .select('w.*', 'm.role as my_role')
      .orderBy('w.name');
    const counts = await this.serviceCounts(rows.map(r => r.id));
    return rows.map(row => ({
      ...fromRow(row),
      myRole: row.my_role,
      serviceCount: counts.get(row.id) ?? 0,
    }));
  }

  /** Live (not deleted) services per workspace. */
  async serviceCounts(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.db('cloud_services')
      .whereIn('workspace_id', ids)
      .whereNull('deleted_at')
      .groupBy('workspace_id')
      .select('workspace_id')
      .count({ count: '*' })) as Array<{
      workspace_id: string;
      count: unknown;
    }>;
    return new Map(rows.map(r => [String(r.workspace_id), Number(r.count)]));
  }

  /** Every workspace one user belongs to, with their role (one indexed query). */
  async membershipsOf(
    userRef: string,
  ): Promise<Array<{ workspaceId: string; role: WorkspaceRole }>> {
    const rows = await this.db('workspace_members')
      .where({ user_ref: userRef })
      .select('workspace_id', 'role')
      .orderBy('workspace_id');
    return rows.map(r => ({ workspaceId: r.workspace_id, role: r.role }));
  }

  /** How many workspaces the user owns (the workspaces-per-user limit). */
  async countOwnedBy(userRef: string): Promise<number> {
    const [row] = await this.db('workspace_members')
      .where({ user_ref: userRef, role: 'owner' })
      .count({ count: '*' });
    return Number(row?.count ?? 0);
  }

  async getMember(
    workspaceId: string,
    userRef: string,
  ): Promise<WorkspaceMember | undefined> {
    const row = await this.db('workspace_members')
      .where({ workspace_id: workspaceId, user_ref: userRef })
      .first();
    return row ? memberFromRow(row) : undefined;
  }

  async listMembers(workspaceId: string): Promise<WorkspaceMember[]> {
    const rows = await this.db('workspace_members')
      .where({ workspace_id: workspaceId })
      .orderBy('user_ref');
    return rows.map(memberFromRow);
  }

  /** Members of several workspaces at once (permission rule evaluation). */
  async listMembersOf(
    workspaceIds: string[],
  ): Promise<Map<string, WorkspaceMember[]>> {
    const result = new Map<string, WorkspaceMember[]>();
    if (workspaceIds.length === 0) return result;
    const rows = await this.db('workspace_members').whereIn(
      'workspace_id',
      workspaceIds,
    );
    for (const row of rows) {
      const list = result.get(row.workspace_id) ?? [];
      list.push(memberFromRow(row));
      result.set(row.workspace_id, list);
    }
    return result;
  }

  async addMember(
    workspaceId: string,
    member: { userRef: string; role: WorkspaceRole; addedBy: string },
  ): Promise<WorkspaceMember> {
    try {
      await this.db.transaction(async tx => {
        await tx('workspace_members').insert({
          workspace_id: workspaceId,
          user_ref: member.userRef,
          role: member.role,
          added_by: member.addedBy,
          added_at: new Date(),
        });
        await this.touch(tx, workspaceId);
      });
    } catch (error) {
      if (
        uniqueViolationColumn(error, 'workspace_members', [
          'user_ref',
          'workspace_id',
        ])
      ) {
        throw new ConflictError(`${member.userRef} is a member already`);
      }
      throw error;
    }
    await this.memberships?.announce({ workspaceId, userRef: member.userRef });
    return (await this.getMember(workspaceId, member.userRef))!;
  }

  /**
   * Changes a role. The owner check runs inside the transaction so that two
   * concurrent demotions cannot leave a workspace without an owner.
   */
  async setRole(
    workspaceId: string,
    userRef: string,
    role: WorkspaceRole,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await this.lockWorkspace(tx, workspaceId);
      if (role !== 'owner')
        await this.assertNotLastOwner(tx, workspaceId, userRef);
      await tx('workspace_members')
        .where({ workspace_id: workspaceId, user_ref: userRef })
        .update({ role });
      await this.touch(tx, workspaceId);
    });
    await this.memberships?.announce({ workspaceId, userRef });
  }

  async removeMember(workspaceId: string, userRef: string): Promise<void> {
    await this.db.transaction(async tx => {
      await this.lockWorkspace(tx, workspaceId);
      await this.assertNotLastOwner(tx, workspaceId, userRef);
      await tx('workspace_members')
        .where({ workspace_id: workspaceId, user_ref: userRef })
        .delete();
      await this.touch(tx, workspaceId);
    });
    await this.memberships?.announce({ workspaceId, userRef });
  }

  private async assertNotLastOwner(
    tx: Knex.Transaction,
    workspaceId: string,
    userRef: string,
  ): Promise<void> {
    const owners = await tx('workspace_members')
      .where({ workspace_id: workspaceId, role: 'owner' })
      .pluck('user_ref');
    if (owners.length === 1 && owners[0] === userRef) {
      throw new ConflictError(
        'The last owner of a workspace cannot be removed or demoted; make someone else owner first',
      );
    }
  }

  /** Serialises member changes of one workspace (row lock on PostgreSQL). */
  private async lockWorkspace(tx: Knex.Transaction, workspaceId: string) {
    const query = tx('workspaces').where({ id: workspaceId });
    // SQLite serialises write transactions by itself and has no FOR UPDATE.
    if (!this.isSqlite()) query.forUpdate();
    await query.first('id');
  }

  private async touch(tx: Knex.Transaction, workspaceId: string) {
    await tx('workspaces')
      .where({ id: workspaceId })
      .update({ updated_at: new Date(), version: tx.raw('version + 1') });
  }

  private isSqlite(): boolean {
    return String(this.db.client.config.client).includes('sqlite');
  }
}

function memberFromRow(row: any): WorkspaceMember {
  return {
    userRef: row.user_ref,
    role: row.role,
    addedAt: toIso(row.added_at),
    addedBy: row.added_by,
  };
}
