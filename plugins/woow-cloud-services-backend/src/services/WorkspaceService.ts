import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  fieldValidationError,
  namespaceFor,
  workspaceCreatePermission,
  workspaceManageMembersPermission,
  workspaceReadPermission,
  type AddMemberRequest,
  type Workspace,
  type WorkspaceMember,
  type WorkspaceRole,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type {
  WorkspaceRecord,
  WorkspaceStore,
} from '../database/WorkspaceStore';
import type { AccessControl, UserCredentials } from './AccessControl';
import { generateWorkspaceId } from './identifiers';
import { limitReached } from './limits';
import type { QuotaCheck } from './QuotaCheck';

function toWorkspace(
  record: WorkspaceRecord,
  extra: Pick<Workspace, 'myRole' | 'serviceCount' | 'quota'>,
): Workspace {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    namespace: namespaceFor(record.id),
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    version: record.version,
    ...extra,
  };
}

/** Workspaces and their members; the creator is the first owner. */
export class WorkspaceService {
  constructor(
    private readonly deps: {
      store: WorkspaceStore;
      access: AccessControl;
      /** woowCloudServices.limits.workspacesPerUser */
      workspacesPerUser: number;
      quota: QuotaCheck;
    },
  ) {}

  async listMine(credentials: UserCredentials): Promise<Workspace[]> {
    const mine = await this.deps.store.listForUser(
      credentials.principal.userEntityRef,
    );
    const readable = await this.deps.access.filterReadable(
      credentials,
      mine.map(w => w.id),
    );
    return mine
      .filter(w => readable.has(w.id))
      .map(w =>
        toWorkspace(w, { myRole: w.myRole, serviceCount: w.serviceCount }),
      );
  }

  async create(
    credentials: UserCredentials,
    request: { name: string; description: string; id?: string },
  ): Promise<Workspace> {
    await this.deps.access.requireBasic(credentials, workspaceCreatePermission);
    const owner = credentials.principal.userEntityRef;
    const limit = this.deps.workspacesPerUser;
    const owned = await this.deps.store.countOwnedBy(owner);
    if (owned >= limit) {
      throw limitReached(
        'workspacesPerUser',
        limit,
        `you already own ${owned} workspaces`,
      );
    }
    if (request.id) {
      if (await this.deps.store.exists(request.id)) {
        throw fieldValidationError([{ field: 'id', message: 'is taken' }]);
      }
      const record = await this.deps.store.create({
        ...request,
        id: request.id,
        owner,
      });
      return toWorkspace(record, { myRole: 'owner', serviceCount: 0 });
    }
    // Generated ids carry a random suffix: a collision is rare, so retry a few times.
    for (let attempt = 0; ; attempt++) {
      try {
        const id = generateWorkspaceId(request.name);
        const record = await this.deps.store.create({ ...request, id, owner });
        return toWorkspace(record, { myRole: 'owner', serviceCount: 0 });
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 4) throw error;
      }
    }
  }

  async get(
    credentials: UserCredentials,
    workspaceId: string,
  ): Promise<Workspace> {
    const { role } = await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      workspaceReadPermission,
    );
    const record = await this.deps.store.get(workspaceId);
    if (!record) throw new NotFoundError(`Workspace ${workspaceId} not found`);
    const counts = await this.deps.store.serviceCounts([workspaceId]);
    return toWorkspace(record, {
      myRole: role,
      serviceCount: counts.get(workspaceId) ?? 0,
      quota: await this.quotaLeft(workspaceId),
    });
  }

  /** The quota left, or null when the operator cannot say now (the page still shows). */
  private async quotaLeft(workspaceId: string) {
    try {
      return await this.deps.quota.left(workspaceId);
    } catch {
      return null;
    }
  }

  async listMembers(
    credentials: UserCredentials,
    workspaceId: string,
  ): Promise<WorkspaceMember[]> {
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      workspaceReadPermission,
    );
    return this.deps.store.listMembers(workspaceId);
  }

  async addMember(
    credentials: UserCredentials,
    workspaceId: string,
    request: AddMemberRequest,
  ): Promise<WorkspaceMember> {
    const me = await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      workspaceManageMembersPermission,
    );
    if (request.role === 'owner')
      this.requireOwner(me.role, 'make someone owner');
    return this.deps.store.addMember(workspaceId, {
      ...request,
      addedBy: me.userRef,
    });
  }

  async changeRole(
    credentials: UserCredentials,
    workspaceId: string,
    userRef: string,
    role: WorkspaceRole,
  ): Promise<WorkspaceMember> {
    const me = await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      workspaceManageMembersPermission,
    );
    const target = await this.requireMember(workspaceId, userRef);
    if (role === 'owner' || target.role === 'owner') {
      this.requireOwner(me.role, 'change who is owner');
    }
    await this.deps.store.setRole(workspaceId, userRef, role);
    return (await this.deps.store.getMember(workspaceId, userRef))!;
  }

  /** Admins and owners remove members; anyone may leave (but not the last owner). */
  async removeMember(
    credentials: UserCredentials,
    workspaceId: string,
    userRef: string,
  ): Promise<void> {
    const self = credentials.principal.userEntityRef === userRef;
    const me = await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      self ? workspaceReadPermission : workspaceManageMembersPermission,
    );
    const target = await this.requireMember(workspaceId, userRef);
    if (target.role === 'owner' && !self)
      this.requireOwner(me.role, 'remove an owner');
    await this.deps.store.removeMember(workspaceId, userRef);
  }

  private async requireMember(workspaceId: string, userRef: string) {
    const member = await this.deps.store.getMember(workspaceId, userRef);
    if (!member) {
      throw new NotFoundError(
        `${userRef} is not a member of workspace ${workspaceId}`,
      );
    }
    return member;
  }

  private requireOwner(role: WorkspaceRole, what: string) {
    if (role !== 'owner') throw new NotAllowedError(`Only owners may ${what}`);
  }
}
