import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  connectionSpecSchema,
  planSchema,
  valueSpecsSchema,
  type AppTemplate,
  type TemplateDefinition,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  parseJson,
  toBoolean,
  toIso,
  toNumber,
  uniqueViolationColumn,
} from './columns';

/** A template plus where its definition came from. */
export interface TemplateRecord extends AppTemplate {
  /** `api`, or the marketplace file it was loaded from. */
  source: string;
  /** Hash of the file definition last applied; null when created through the API. */
  sourceHash: string | null;
}

export interface TemplateFilter {
  category?: string;
  includeInactive?: boolean;
}

function toColumns(def: TemplateDefinition) {
  return {
    slug: def.slug,
    name: def.name,
    description: def.description,
    full_description: def.fullDescription,
    category: def.category,
    tags: JSON.stringify(def.tags),
    monthly_price: def.monthlyPrice,
    documentation_url: def.documentationUrl ?? null,
    icon_url: def.iconUrl ?? null,
    helm_repo_url: def.helmChart.repository,
    helm_chart_name: def.helmChart.chartName,
    helm_chart_version: def.helmChart.chartVersion,
    helm_default_values: JSON.stringify(def.helmChart.defaultValues),
    // Parsed again so that what is stored is exactly what the schema accepts.
    helm_value_specs: JSON.stringify(valueSpecsSchema.parse(def.valueSpecs)),
    default_port: def.defaultPort,
    ingress_enabled: def.ingressEnabled,
    connection: def.connection
      ? JSON.stringify(connectionSpecSchema.parse(def.connection))
      : null,
    min_vcpu: def.minResources.vcpu,
    min_ram_gb: def.minResources.ramGb,
    min_storage_gb: def.minResources.storageGb,
    plans: JSON.stringify((def.plans ?? []).map(p => planSchema.parse(p))),
    default_plan: def.defaultPlan ?? null,
    is_active: def.isActive,
  };
}

function fromRow(row: any): TemplateRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    fullDescription: row.full_description,
    category: row.category,
    tags: parseJson<string[]>(row.tags, []),
    monthlyPrice: toNumber(row.monthly_price),
    documentationUrl: row.documentation_url ?? undefined,
    iconUrl: row.icon_url ?? undefined,
    helmChart: {
      repository: row.helm_repo_url,
      chartName: row.helm_chart_name,
      chartVersion: row.helm_chart_version,
      defaultValues: parseJson(row.helm_default_values, {}),
    },
    valueSpecs: valueSpecsSchema.parse(parseJson(row.helm_value_specs, {})),
    defaultPort: toNumber(row.default_port),
    ingressEnabled: toBoolean(row.ingress_enabled),
    ...(row.connection
      ? {
          connection: connectionSpecSchema.parse(parseJson(row.connection, {})),
        }
      : {}),
    minResources: {
      vcpu: toNumber(row.min_vcpu),
      ramGb: toNumber(row.min_ram_gb),
      storageGb: toNumber(row.min_storage_gb),
    },
    plans: planSchema.array().parse(parseJson(row.plans, [])),
    ...(row.default_plan ? { defaultPlan: row.default_plan } : {}),
    isActive: toBoolean(row.is_active),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: toNumber(row.version),
    source: row.source,
    sourceHash: row.source_hash ?? null,
  };
}

/** Marketplace templates (table `app_templates`). */
export class TemplateStore {
  constructor(private readonly db: Knex) {}

  async list(filter: TemplateFilter = {}): Promise<TemplateRecord[]> {
    const query = this.db('app_templates').orderBy('name');
    if (filter.category) query.where({ category: filter.category });
    if (!filter.includeInactive) query.where({ is_active: true });
    return (await query).map(fromRow);
  }

  async getById(id: string): Promise<TemplateRecord | undefined> {
    const row = await this.db('app_templates').where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async getBySlug(slug: string): Promise<TemplateRecord | undefined> {
    const row = await this.db('app_templates').where({ slug }).first();
    return row ? fromRow(row) : undefined;
  }

  async getByIdOrSlug(idOrSlug: string): Promise<TemplateRecord | undefined> {
    return (await this.getById(idOrSlug)) ?? this.getBySlug(idOrSlug);
  }

  async insert(
    def: TemplateDefinition,
    origin: { source: string; sourceHash: string | null },
  ): Promise<TemplateRecord> {
    const id = randomUUID();
    const now = new Date();
    try {
      await this.db('app_templates').insert({
        id,
        ...toColumns(def),
        source: origin.source,
        source_hash: origin.sourceHash,
        created_at: now,
        updated_at: now,
        version: 1,
      });
    } catch (error) {
      if (uniqueViolationColumn(error, 'app_templates', ['slug'])) {
        throw new ConflictError(
          `A template with slug "${def.slug}" exists already`,
        );
      }
      throw error;
    }
    return (await this.getById(id))!;
  }

  /**
   * Replaces a template's definition. With `expectedVersion`, only when the
   * row still has that version (else ConflictError, nothing changed).
   */
  async replace(
    id: string,
    def: TemplateDefinition,
    options: {
      expectedVersion?: number;
      source: string;
      sourceHash: string | null;
    },
  ): Promise<TemplateRecord> {
    const query = this.db('app_templates').where({ id });
    if (options.expectedVersion !== undefined) {
      query.where({ version: options.expectedVersion });
    }
    let count: number;
    try {
      count = await query.update({
        ...toColumns(def),
        source: options.source,
        source_hash: options.sourceHash,
        updated_at: new Date(),
        version: this.db.raw('version + 1'),
      });
    } catch (error) {
      if (uniqueViolationColumn(error, 'app_templates', ['slug'])) {
        throw new ConflictError(
          `A template with slug "${def.slug}" exists already`,
        );
      }
      throw error;
    }
    if (count === 0) await this.throwMissingOrStale(id);
    return (await this.getById(id))!;
  }

  async setActive(
    id: string,
    active: boolean,
    expectedVersion?: number,
  ): Promise<TemplateRecord> {
    const query = this.db('app_templates').where({ id });
    if (expectedVersion !== undefined)
      query.where({ version: expectedVersion });
    const count = await query.update({
      is_active: active,
      updated_at: new Date(),
      version: this.db.raw('version + 1'),
    });
    if (count === 0) await this.throwMissingOrStale(id);
    return (await this.getById(id))!;
  }

  private async throwMissingOrStale(id: string): Promise<never> {
    if (await this.getById(id)) {
      throw new ConflictError(
        'The template was changed by someone else; reload it and try again',
      );
    }
    throw new NotFoundError(`Template ${id} not found`);
  }
}
