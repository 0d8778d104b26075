import { NotFoundError } from '@backstage/errors';
import {
  fieldValidationError,
  templateManagePermission,
  type AppTemplate,
  type ChartSourceAllowList,
  type TemplateListQuery,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { TemplateRecord, TemplateStore } from '../database/TemplateStore';
import type { AccessControl, UserCredentials } from './AccessControl';
import { parseTemplateDefinition } from './templateDefinitions';

function toAppTemplate(record: TemplateRecord): AppTemplate {
  const { source: _source, sourceHash: _hash, ...template } = record;
  return template;
}

function matchesSearch(template: TemplateRecord, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return [
    template.name,
    template.description,
    template.slug,
    ...template.tags,
  ].some(text => text.toLowerCase().includes(needle));
}

/** The application marketplace: browsing for everyone, editing for template managers. */
export class Marketplace {
  constructor(
    private readonly deps: {
      store: TemplateStore;
      access: AccessControl;
      chartSources: ChartSourceAllowList;
    },
  ) {}

  /**
   * Active templates; `search` matches name, description and tags; `tags`
   * keeps templates that carry every listed tag (case-insensitive).
   */
  async list(
    credentials: UserCredentials,
    query: TemplateListQuery,
  ): Promise<AppTemplate[]> {
    if (query.includeInactive) {
      await this.deps.access.requireBasic(
        credentials,
        templateManagePermission,
      );
    }
    const records = await this.deps.store.list({
      category: query.category,
      includeInactive: query.includeInactive,
    });
    const wanted = (query.tags ?? []).map(t => t.toLowerCase());
    return records
      .filter(t => !query.search || matchesSearch(t, query.search))
      .filter(t => {
        const have = new Set(t.tags.map(tag => tag.toLowerCase()));
        return wanted.every(tag => have.has(tag));
      })
      .map(toAppTemplate);
  }

  async get(idOrSlug: string): Promise<AppTemplate> {
    const record = await this.deps.store.getByIdOrSlug(idOrSlug);
    if (!record) throw new NotFoundError(`Template ${idOrSlug} not found`);
    return toAppTemplate(record);
  }

  async create(
    credentials: UserCredentials,
    body: unknown,
  ): Promise<AppTemplate> {
    await this.deps.access.requireBasic(credentials, templateManagePermission);
    const parsed = parseTemplateDefinition(body, this.deps.chartSources);
    if (!parsed.ok) throw fieldValidationError(parsed.errors);
    return toAppTemplate(
      await this.deps.store.insert(parsed.definition, {
        source: 'api',
        sourceHash: null,
      }),
    );
  }

  /**
   * Replaces the definition. The template keeps its origin: a template from a
   * marketplace file keeps the file's hash, so the admin's edit survives
   * restarts until the file itself changes.
   */
  async update(
    credentials: UserCredentials,
    id: string,
    body: unknown,
    expectedVersion: number,
  ): Promise<AppTemplate> {
    await this.deps.access.requireBasic(credentials, templateManagePermission);
    const existing = await this.deps.store.getById(id);
    if (!existing) throw new NotFoundError(`Template ${id} not found`);
    const parsed = parseTemplateDefinition(body, this.deps.chartSources);
    if (!parsed.ok) throw fieldValidationError(parsed.errors);
    return toAppTemplate(
      await this.deps.store.replace(id, parsed.definition, {
        expectedVersion,
        source: existing.source,
        sourceHash: existing.sourceHash,
      }),
    );
  }

  /** Hidden from the marketplace; services deployed from it keep working. */
  async deactivate(
    credentials: UserCredentials,
    id: string,
    expectedVersion?: number,
  ): Promise<AppTemplate> {
    await this.deps.access.requireBasic(credentials, templateManagePermission);
    return toAppTemplate(
      await this.deps.store.setActive(id, false, expectedVersion),
    );
  }
}
