import type { CloudService } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { Knex } from 'knex';
import { parseJson, toNumber } from './columns';

/** The user values a helm revision of a service was made with. */
export interface RevisionSnapshot {
  revision: number;
  helmValues: CloudService['helmValues'];
  helmSecrets: string | null;
  helmDefaultValues: Record<string, unknown>;
  chartVersion: string;
  /** The plan id the revision ran with; null when it ran without one. */
  plan: string | null;
}

/**
 * Values behind each helm revision (table `service_revisions`). A rollback to
 * revision N restores N's values and plan in the service row, so that the
 * next upgrade starts from what actually runs.
 */
export class RevisionStore {
  constructor(private readonly db: Knex) {}

  async save(serviceId: string, snapshot: RevisionSnapshot): Promise<void> {
    await this.db('service_revisions')
      .insert({
        service_id: serviceId,
        revision: snapshot.revision,
        helm_values: JSON.stringify(snapshot.helmValues),
        helm_secrets: snapshot.helmSecrets,
        helm_default_values: JSON.stringify(snapshot.helmDefaultValues),
        chart_version: snapshot.chartVersion,
        plan: snapshot.plan,
        created_at: new Date(),
      })
      .onConflict(['service_id', 'revision'])
      .merge();
  }

  async get(
    serviceId: string,
    revision: number,
  ): Promise<RevisionSnapshot | undefined> {
    const row = await this.db('service_revisions')
      .where({ service_id: serviceId, revision })
      .first();
    if (!row) return undefined;
    return {
      revision: toNumber(row.revision),
      helmValues: parseJson(row.helm_values, {}),
      helmSecrets: row.helm_secrets ?? null,
      helmDefaultValues: parseJson(row.helm_default_values, {}),
      chartVersion: row.chart_version,
      plan: row.plan ?? null,
    };
  }

  /** Every snapshot's stored values and secrets, for sealing values a template now marks sensitive. */
  async listStoredValues(): Promise<
    Array<{
      serviceId: string;
      revision: number;
      helmValues: RevisionSnapshot['helmValues'];
      helmSecrets: string | null;
    }>
  > {
    const rows = await this.db('service_revisions').select(
      'service_id',
      'revision',
      'helm_values',
      'helm_secrets',
    );
    return rows.map(r => ({
      serviceId: r.service_id,
      revision: toNumber(r.revision),
      helmValues: parseJson(r.helm_values, {}),
      helmSecrets: r.helm_secrets ?? null,
    }));
  }

  /** Sealing only: the same user values, with more of them in the envelope. */
  async replaceStoredValues(
    serviceId: string,
    revision: number,
    values: Pick<RevisionSnapshot, 'helmValues' | 'helmSecrets'>,
  ): Promise<void> {
    await this.db('service_revisions')
      .where({ service_id: serviceId, revision })
      .update({
        helm_values: JSON.stringify(values.helmValues),
        helm_secrets: values.helmSecrets,
      });
  }

  async listWithSecrets(): Promise<
    Array<{ serviceId: string; revision: number; helmSecrets: string }>
  > {
    const rows = await this.db('service_revisions')
      .whereNotNull('helm_secrets')
      .select('service_id', 'revision', 'helm_secrets');
    return rows.map(r => ({
      serviceId: r.service_id,
      revision: toNumber(r.revision),
      helmSecrets: r.helm_secrets,
    }));
  }

  async replaceSecrets(
    serviceId: string,
    revision: number,
    from: string,
    to: string,
  ): Promise<void> {
    await this.db('service_revisions')
      .where({ service_id: serviceId, revision, helm_secrets: from })
      .update({ helm_secrets: to });
  }
}
