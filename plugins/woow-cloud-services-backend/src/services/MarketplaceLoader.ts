import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ChartSourceAllowList } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { TemplateStore } from '../database/TemplateStore';
import { definitionHash, parseTemplateDefinition } from './templateDefinitions';

export interface LoadSummary {
  inserted: string[];
  updated: string[];
  unchanged: string[];
  /** Files that could not be used, with why. */
  invalid: Array<{ file: string; reason: string }>;
}

/**
 * `*.yaml` / `*.yml` files of each location (a file or a directory), sorted.
 * A location that cannot be read fails the load (readSettings has already
 * refused configured paths that do not exist).
 */
async function filesOf(location: string): Promise<string[]> {
  const stat = await fs.stat(location);
  if (stat.isFile()) return [location];
  const entries = await fs.readdir(location);
  return entries
    .filter(e => /\.ya?ml$/.test(e))
    .sort()
    .map(e => path.join(location, e));
}

/**
 * Loads marketplace definitions into `app_templates`, idempotently (upsert by
 * slug). A file's definition is applied when it is new or when the file
 * changed since it was last applied; otherwise the row is left alone, so
 * admin edits made through the API survive restarts until the file changes.
 */
export class MarketplaceLoader {
  constructor(
    private readonly deps: {
      store: TemplateStore;
      logger: LoggerService;
      chartSources: ChartSourceAllowList;
    },
  ) {}

  async load(locations: string[]): Promise<LoadSummary> {
    const summary: LoadSummary = {
      inserted: [],
      updated: [],
      unchanged: [],
      invalid: [],
    };
    const seen = new Map<string, string>();
    for (const location of locations) {
      const files = await filesOf(location);
      if (files.length === 0) {
        this.deps.logger.warn(
          `Marketplace location ${location} has no template files`,
        );
      }
      for (const file of files) {
        try {
          await this.loadFile(file, seen, summary);
        } catch (error) {
          summary.invalid.push({ file, reason: (error as Error).message });
        }
      }
    }
    for (const { file, reason } of summary.invalid) {
      this.deps.logger.error(
        `Marketplace file ${file} was not loaded: ${reason}`,
      );
    }
    this.deps.logger.info(
      `Marketplace loaded: ${summary.inserted.length} new, ${summary.updated.length} updated, ` +
        `${summary.unchanged.length} unchanged, ${summary.invalid.length} invalid`,
    );
    return summary;
  }

  private async loadFile(
    file: string,
    seen: Map<string, string>,
    summary: LoadSummary,
  ) {
    const parsed = parseTemplateDefinition(
      parseYaml(await fs.readFile(file, 'utf8')),
      this.deps.chartSources,
    );
    if (!parsed.ok) {
      throw new Error(
        parsed.errors.map(e => `${e.field} ${e.message}`).join('; '),
      );
    }
    const definition = parsed.definition;
    const earlier = seen.get(definition.slug);
    if (earlier)
      throw new Error(
        `slug "${definition.slug}" is also defined in ${earlier}`,
      );
    seen.set(definition.slug, file);

    const hash = definitionHash(definition);
    const existing = await this.deps.store.getBySlug(definition.slug);
    if (!existing) {
      await this.deps.store.insert(definition, {
        source: file,
        sourceHash: hash,
      });
      summary.inserted.push(definition.slug);
    } else if (existing.sourceHash === hash) {
      summary.unchanged.push(definition.slug);
    } else {
      await this.deps.store.replace(existing.id, definition, {
        source: file,
        sourceHash: hash,
      });
      summary.updated.push(definition.slug);
    }
  }
}
