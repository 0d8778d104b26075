import { ConflictError } from '@backstage/errors';
import type {
  CloudService,
  ServiceState,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { Knex } from 'knex';
import { parseJson, toNumber, uniqueViolationColumn } from './columns';
import { DOMAIN_VERIFICATION_COLUMNS } from './DomainVerificationStore';
import type { ServiceChangeFeed } from './ChangeFeed';
import type { DomainVerificationRecord } from './DomainVerificationStore';
import { fromRow, toColumns } from './serviceRows';

/** An operator call that still has to be made (retried with backoff). */
export type PendingAction =
  | { kind: 'install' }
  | { kind: 'upgrade' }
  | { kind: 'rollback'; revision: number }
  | { kind: 'uninstall'; deleteData: boolean };

/** A cloud_services row in domain terms. Secrets stay encrypted here. */
export interface ServiceRecord {
  id: string;
  workspaceId: string;
  templateId: string;
  templateSlug: string;
  /** The template's ingressEnabled: whether the app has a web UI (public URL). */
  templateWebUi: boolean;
  name: string;
  referenceId: string;
  deploymentId: string;
  state: ServiceState;
  errorMessage: string | null;
  statusDetail: string | null;
  subdomain: string | null;
  releasedSubdomain: string | null;
  customDomain: string | null;
  internalPort: number;
  helmReleaseName: string;
  helmNamespace: string;
  /** User values; password values appear as `{ isSet: true }`. */
  helmValues: CloudService['helmValues'];
  /** Encrypted envelope of the password values, or null when there are none. */
  helmSecrets: string | null;
  /** The template's default values this service is deployed with. */
  helmDefaultValues: Record<string, unknown>;
  helmRevision: number;
  helmChartVersion: string;
  allocatedVcpu: number;
  allocatedRamGb: number;
  allocatedStorageGb: number;
  /** Plan id of the template; null (or absent) when deployed without one. */
  plan?: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  deployedAt: Date | null;
  lastUpgradedAt: Date | null;
  deletedAt: Date | null;
  version: number;
  pendingAction: PendingAction | null;
  targetRevision: number | null;
  attempts: number;
  nextCheckAt: Date | null;
  operationStartedAt: Date | null;
  /** Where the proof of a custom domain stands (its own table; read-only here). */
  domainVerification?: DomainVerificationRecord | null;
}

/** Fields a write may change (everything but identity and bookkeeping of the store). */
export type ServicePatch = Partial<
  Omit<
    ServiceRecord,
    | 'id'
    | 'workspaceId'
    | 'templateSlug'
    | 'templateWebUi'
    | 'referenceId'
    | 'deploymentId'
    | 'createdBy'
    | 'createdAt'
    | 'updatedAt'
    | 'version'
    | 'domainVerification'
  >
>;

export type NewService = Omit<
  ServiceRecord,
  | 'templateSlug'
  | 'templateWebUi'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
  | 'deletedAt'
  | 'domainVerification'
>;

/** A unique column a new or changed service collided on. */
export class UniqueServiceFieldError extends ConflictError {
  constructor(
    readonly column:
      | 'subdomain'
      | 'reference_id'
      | 'custom_domain'
      | 'deployment_id',
  ) {
    super(`${column} is taken`);
  }
}

const UNIQUE_COLUMNS = [
  'subdomain',
  'reference_id',
  'custom_domain',
  'deployment_id',
];

/**
 * Deployed services (table `cloud_services`) and their deployment-ID sequence.
 * Every versioned write (insert, update) is announced on `changes` once it is
 * stored.
 */
export class ServiceStore {
  constructor(
    private readonly db: Knex,
    private readonly changes?: ServiceChangeFeed,
  ) {}

  private select(db: Knex | Knex.Transaction = this.db) {
    return db('cloud_services as s')
      .join('app_templates as t', 't.id', 's.template_id')
      .leftJoin('custom_domain_verifications as dv', 'dv.service_id', 's.id')
      .select(
        's.*',
        't.slug as template_slug',
        't.ingress_enabled as template_ingress_enabled',
        ...DOMAIN_VERIFICATION_COLUMNS,
      );
  }

  async insert(service: NewService): Promise<ServiceRecord> {
    const now = new Date();
    const { id, workspaceId, referenceId, deploymentId, createdBy, ...rest } =
      service;
    try {
      await this.db('cloud_services').insert({
        id,
        workspace_id: workspaceId,
        reference_id: referenceId,
        deployment_id: deploymentId,
        created_by: createdBy,
        ...toColumns(rest),
        created_at: now,
        updated_at: now,
        version: 1,
      });
    } catch (error) {
      throw this.mapUniqueViolation(error);
    }
    return this.announced(id);
  }

  async get(
    id: string,
    options: { includeDeleted?: boolean } = {},
  ): Promise<ServiceRecord | undefined> {
    const query = this.select().where('s.id', id);
    if (!options.includeDeleted) query.whereNull('s.deleted_at');
    const row = await query.first();
    return row ? fromRow(row) : undefined;
  }

  async listByWorkspace(workspaceId: string): Promise<ServiceRecord[]> {
    const rows = await this.select()
      .where('s.workspace_id', workspaceId)
      .whereNull('s.deleted_at')
      .orderBy('s.created_at');
    return rows.map(fromRow);
  }

  /** Every live service of every workspace (the catalog feed). */
  async listLive(): Promise<ServiceRecord[]> {
    const rows = await this.select()
      .whereNull('s.deleted_at')
      .orderBy('s.created_at');
    return rows.map(fromRow);
  }

  /**
   * Services written at or after `since`, deleted ones included (the catalog
   * feed's changes: a deleted row is a tombstone). One query, whatever the
   * number of workspaces.
   */
  async listChangedSince(since: Date): Promise<ServiceRecord[]> {
    const rows = await this.select()
      .where('s.updated_at', '>=', since)
      .orderBy('s.updated_at');
    return rows.map(fromRow);
  }

  /** Live services whose next check is due, oldest first. */
  async listDue(now: Date, limit: number): Promise<ServiceRecord[]> {
    const rows = await this.select()
      .whereNull('s.deleted_at')
      .where('s.next_check_at', '<=', now)
      .orderBy('s.next_check_at')
      .limit(limit);
    return rows.map(fromRow);
  }

  /** Whether a live service uses this subdomain (or custom domain). */
  async isTaken(
    column: 'subdomain' | 'custom_domain',
    value: string,
    exceptServiceId?: string,
  ): Promise<boolean> {
    const query =
      column === 'custom_domain'
        ? // Host names are case-insensitive (rows are stored lower case).
          this.db('cloud_services').whereRaw('lower(custom_domain) = ?', [
            value.toLowerCase(),
          ])
        : this.db('cloud_services').where(column, value);
    if (exceptServiceId) query.whereNot('id', exceptServiceId);
    return Boolean(await query.first('id'));
  }

  async isReferenceIdTaken(referenceId: string): Promise<boolean> {
    return Boolean(
      await this.db('cloud_services')
        .where('reference_id', referenceId)
        .first('id'),
    );
  }

  /**
   * Optimistic-locking write: changes the row only when it still has
   * `expectedVersion` (then bumps it); otherwise ConflictError and nothing
   * changes.
   */
  async update(
    id: string,
    expectedVersion: number,
    patch: ServicePatch,
  ): Promise<ServiceRecord> {
    let count: number;
    try {
      count = await this.db('cloud_services')
        .where({ id, version: expectedVersion })
        .whereNull('deleted_at')
        .update({
          ...toColumns(patch),
          updated_at: new Date(),
          version: this.db.raw('version + 1'),
        });
    } catch (error) {
      throw this.mapUniqueViolation(error);
    }
    if (count === 0) {
      throw new ConflictError(
        'The service was changed since you read it; reload it and try again',
      );
    }
    return this.announced(id);
  }

  /**
   * Reconciler bookkeeping (status detail, next check, attempts): does not
   * bump the version, so it never makes a user's pending write stale.
   */
  async updateBookkeeping(
    id: string,
    patch: Pick<ServicePatch, 'statusDetail' | 'nextCheckAt' | 'attempts'>,
  ): Promise<void> {
    await this.db('cloud_services').where({ id }).update(toColumns(patch));
  }

  /** Next deployment ID (`#1001`, `#1002`, ...), atomically. */
  async nextDeploymentId(): Promise<string> {
    const value = await this.db.transaction(async tx => {
      await tx('woow_sequences')
        .where({ name: 'deployment_id' })
        .update({ value: tx.raw('value + 1') });
      const row = await tx('woow_sequences')
        .where({ name: 'deployment_id' })
        .first('value');
      return toNumber(row.value);
    });
    return `#${String(value).padStart(4, '0')}`;
  }

  /** Rows whose secrets are encrypted (for key rotation). */
  async listWithSecrets(): Promise<Array<{ id: string; helmSecrets: string }>> {
    const rows = await this.db('cloud_services')
      .whereNotNull('helm_secrets')
      .select('id', 'helm_secrets');
    return rows.map(r => ({ id: r.id, helmSecrets: r.helm_secrets }));
  }

  /** Re-encryption only: swaps one envelope for another of the same plaintext. */
  async replaceSecrets(id: string, from: string, to: string): Promise<boolean> {
    const count = await this.db('cloud_services')
      .where({ id, helm_secrets: from })
      .update({ helm_secrets: to });
    return count > 0;
  }

  /** Every row's stored values and secrets (deleted ones too), for sealing values a template now marks sensitive. */
  async listStoredValues(): Promise<
    Array<{
      id: string;
      templateId: string;
      version: number;
      helmValues: ServiceRecord['helmValues'];
      helmSecrets: string | null;
    }>
  > {
    const rows = await this.db('cloud_services').select(
      'id',
      'template_id',
      'version',
      'helm_values',
      'helm_secrets',
    );
    return rows.map(r => ({
      id: r.id,
      templateId: r.template_id,
      version: toNumber(r.version),
      helmValues: parseJson(r.helm_values, {}),
      helmSecrets: r.helm_secrets ?? null,
    }));
  }

  /**
   * Sealing only: the same user values, with more of them moved into the
   * encrypted envelope. Applied while the row is still at `version`; the
   * version stays, since what the values are does not change.
   */
  async replaceStoredValues(
    id: string,
    version: number,
    values: Pick<ServiceRecord, 'helmValues' | 'helmSecrets'>,
  ): Promise<boolean> {
    const count = await this.db('cloud_services')
      .where({ id, version })
      .update({
        helm_values: JSON.stringify(values.helmValues),
        helm_secrets: values.helmSecrets,
      });
    return count > 0;
  }

  /** The row as just written, told to the change feed. */
  private async announced(id: string): Promise<ServiceRecord> {
    const record = (await this.get(id, { includeDeleted: true }))!;
    await this.changes?.announce(record);
    return record;
  }

  private mapUniqueViolation(error: unknown): unknown {
    const column = uniqueViolationColumn(
      error,
      'cloud_services',
      UNIQUE_COLUMNS,
    );
    return column
      ? new UniqueServiceFieldError(column as UniqueServiceFieldError['column'])
      : error;
  }
}
