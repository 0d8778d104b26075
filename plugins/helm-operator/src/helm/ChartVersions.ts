import {
  ChartSource,
  ChartSourceAllowList,
  ChartVersionEntry,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { NotAllowedError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { BadGatewayError } from '../errors';
import { compareVersions, isPrerelease } from './versionOrder';

interface IndexEntry {
  version?: unknown;
  appVersion?: unknown;
  created?: unknown;
  description?: unknown;
}

export interface ChartVersionsOptions {
  localChartsDir?: string;
  allowList: ChartSourceAllowList;
  /** How long a repository's index is reused. Default: 5 minutes. */
  cacheTtlMs?: number;
  /** Time limit of one index download. Default: 10 s. */
  timeoutMs?: number;
  now?: () => number;
}

function toEntry(e: IndexEntry): ChartVersionEntry | undefined {
  if (typeof e?.version !== 'string') return undefined;
  // YAML reads an unquoted `created:` timestamp as a Date.
  const str = (v: unknown) => {
    if (v instanceof Date) return v.toISOString();
    return typeof v === 'string' && v ? v : undefined;
  };
  return {
    version: e.version,
    ...(str(e.appVersion) ? { appVersion: str(e.appVersion) } : {}),
    ...(str(e.created) ? { created: str(e.created) } : {}),
    ...(str(e.description) ? { description: str(e.description) } : {}),
  };
}

function entriesOf(indexYaml: string, chart: string): ChartVersionEntry[] {
  const index = parse(indexYaml) as { entries?: Record<string, IndexEntry[]> };
  const list = index?.entries?.[chart];
  return Array.isArray(list)
    ? list.map(toEntry).filter((e): e is ChartVersionEntry => !!e)
    : [];
}

/**
 * The versions of a chart its repository offers, from the repository's
 * `index.yaml`: downloaded (within the allow list, with a time limit, kept
 * for a while) for http(s) repositories; for local charts, the local
 * directory's index.yaml, packaged `<name>-<version>.tgz` files and the
 * chart directory. OCI registries have no index: none are listed.
 */
export class ChartVersions {
  private readonly cache = new Map<string, { at: number; text: string }>();

  constructor(private readonly opts: ChartVersionsOptions) {}

  /** Stable versions above `current`, newest first. */
  async newerThan(
    source: ChartSource,
    chart: string,
    current: string,
  ): Promise<ChartVersionEntry[]> {
    const all = await this.list(source, chart);
    const seen = new Set<string>();
    return all
      .filter(e => !isPrerelease(e.version))
      .filter(e => (compareVersions(e.version, current) ?? 0) > 0)
      .filter(e => !seen.has(e.version) && !!seen.add(e.version))
      .sort((a, b) => compareVersions(b.version, a.version) ?? 0);
  }

  private async list(
    source: ChartSource,
    chart: string,
  ): Promise<ChartVersionEntry[]> {
    if ('repoUrl' in source) {
      const checked = this.opts.allowList.checkUrl(source.repoUrl);
      if ('problem' in checked) {
        throw new NotAllowedError(`chart.repoUrl ${checked.problem}`);
      }
      return entriesOf(await this.remoteIndex(checked.href), chart);
    }
    if ('localName' in source) return this.local(source.localName);
    return [];
  }

  private async remoteIndex(repoUrl: string): Promise<string> {
    const now = (this.opts.now ?? Date.now)();
    const hit = this.cache.get(repoUrl);
    if (hit && now - hit.at < (this.opts.cacheTtlMs ?? 300_000))
      return hit.text;
    const url = `${repoUrl.replace(/\/$/, '')}/index.yaml`;
    let text: string;
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      text = await res.text();
    } catch (e) {
      throw new BadGatewayError(
        `The chart repository ${repoUrl} did not give its index: ${
          (e as Error).message
        }`,
      );
    }
    this.cache.set(repoUrl, { at: now, text });
    return text;
  }

  private async local(name: string): Promise<ChartVersionEntry[]> {
    const dir = this.opts.localChartsDir;
    if (!dir) return [];
    const root = path.resolve(dir);
    const found: ChartVersionEntry[] = [];
    const index = await fs
      .readFile(path.join(root, 'index.yaml'), 'utf8')
      .catch(() => undefined);
    if (index) found.push(...entriesOf(index, name));
    const prefix = `${name}-`;
    for (const file of await fs.readdir(root)) {
      const version =
        file.startsWith(prefix) && file.endsWith('.tgz')
          ? file.slice(prefix.length, -'.tgz'.length)
          : undefined;
      if (version && compareVersions(version, '0.0.0') !== undefined) {
        found.push({ version });
      }
    }
    const chartYaml = await fs
      .readFile(path.join(root, name, 'Chart.yaml'), 'utf8')
      .catch(() => undefined);
    const own = chartYaml ? toEntry(parse(chartYaml)) : undefined;
    if (own) found.push(own);
    return found;
  }
}
