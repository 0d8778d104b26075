import type { CustomDomainState } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { Knex } from 'knex';
import { toOptionalDate } from './columns';

/** A custom_domain_verifications row: the proof of one service's custom domain. */
export interface DomainVerificationRecord {
  serviceId: string;
  /** The domain this state is about; stale when the service's domain differs. */
  domain: string;
  /** The service's ownership token (kept when the domain changes). */
  token: string;
  state: CustomDomainState;
  message: string | null;
  checkedAt: Date | null;
  verifiedAt: Date | null;
  nextCheckAt: Date | null;
}

/** The row's columns as ServiceStore's join selects them (`dv_*`). */
export const DOMAIN_VERIFICATION_COLUMNS = [
  'dv.domain as dv_domain',
  'dv.token as dv_token',
  'dv.state as dv_state',
  'dv.message as dv_message',
  'dv.checked_at as dv_checked_at',
  'dv.verified_at as dv_verified_at',
  'dv.next_check_at as dv_next_check_at',
];

function fromColumns(
  serviceId: string,
  row: Record<string, unknown>,
  prefix: string,
): DomainVerificationRecord | null {
  if (row[`${prefix}domain`] === null || row[`${prefix}domain`] === undefined)
    return null;
  return {
    serviceId,
    domain: String(row[`${prefix}domain`]),
    token: String(row[`${prefix}token`]),
    state: row[`${prefix}state`] as CustomDomainState,
    message: (row[`${prefix}message`] as string | null) ?? null,
    checkedAt: toOptionalDate(row[`${prefix}checked_at`]),
    verifiedAt: toOptionalDate(row[`${prefix}verified_at`]),
    nextCheckAt: toOptionalDate(row[`${prefix}next_check_at`]),
  };
}

/** The joined `dv_*` columns of a cloud_services row, or null. */
export function domainVerificationFromJoin(
  row: Record<string, unknown>,
): DomainVerificationRecord | null {
  return fromColumns(String(row.id), row, 'dv_');
}

/**
 * The proof of ownership of custom domains (table
 * `custom_domain_verifications`). Writes never touch cloud_services, so they
 * never bump a service's version: a check does not make a user's open form
 * stale.
 */
export class DomainVerificationStore {
  constructor(private readonly db: Knex) {}

  async get(serviceId: string): Promise<DomainVerificationRecord | null> {
    const row = await this.db('custom_domain_verifications')
      .where({ service_id: serviceId })
      .first();
    return row ? fromColumns(serviceId, row, '') : null;
  }

  /** Starts the proof of `domain` for a service (keeps its token when it has one). */
  async start(
    serviceId: string,
    domain: string,
    fields: {
      newToken: string;
      state: CustomDomainState;
      message: string | null;
      nextCheckAt: Date | null;
    },
  ): Promise<DomainVerificationRecord> {
    const existing = await this.get(serviceId);
    const now = new Date();
    const columns = {
      domain,
      state: fields.state,
      message: fields.message,
      checked_at: null,
      verified_at: fields.state === 'verified' ? now : null,
      next_check_at: fields.nextCheckAt,
    };
    if (existing) {
      await this.db('custom_domain_verifications')
        .where({ service_id: serviceId })
        .update(columns);
    } else {
      await this.db('custom_domain_verifications').insert({
        service_id: serviceId,
        token: fields.newToken,
        ...columns,
      });
    }
    return (await this.get(serviceId))!;
  }

  /**
   * Records a check's outcome, only while the row is still about `domain`
   * (the user may have changed it meanwhile); false when it was not.
   */
  async record(
    serviceId: string,
    domain: string,
    outcome: {
      state: CustomDomainState;
      message: string | null;
      checkedAt: Date;
      nextCheckAt: Date | null;
    },
  ): Promise<boolean> {
    const count = await this.db('custom_domain_verifications')
      .where({ service_id: serviceId, domain })
      .update({
        state: outcome.state,
        message: outcome.message,
        checked_at: outcome.checkedAt,
        next_check_at: outcome.nextCheckAt,
        ...(outcome.state === 'verified'
          ? { verified_at: outcome.checkedAt }
          : { verified_at: null }),
      });
    return count > 0;
  }

  /**
   * Services of live rows whose domain still awaits proof and whose next
   * check is due, oldest first.
   */
  async listDue(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db('custom_domain_verifications as dv')
      .join('cloud_services as s', 's.id', 'dv.service_id')
      .whereNull('s.deleted_at')
      .whereRaw('s.custom_domain = dv.domain')
      .whereNot('dv.state', 'verified')
      .where('dv.next_check_at', '<=', now)
      .orderBy('dv.next_check_at')
      .limit(limit)
      .select('dv.service_id');
    return rows.map(r => String(r.service_id));
  }
}
