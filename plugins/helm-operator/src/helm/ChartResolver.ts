import { InputError, NotAllowedError } from '@backstage/errors';
import {
  ChartSource,
  ChartSourceAllowList,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { UnprocessableError } from '../errors';

/** A chart as helm arguments, plus how to name it in messages. */
export interface ResolvedChart {
  /** The chart argument and its flags, e.g. ["postgresql", "--repo=...", "--version=15.5.0"]. */
  args: string[];
  /** e.g. `postgresql@15.5.0 from https://charts.bitnami.com/bitnami` */
  display: string;
}

/** The source with `version` replaced when one is given (PATCH chartVersion). */
export function withVersion(
  source: ChartSource,
  version?: string,
): ChartSource {
  return version ? { ...source, version } : source;
}

/**
 * Turns a chart source of a request into helm arguments, after checking it
 * against the allow list (helmOperator.allowedChartSources): a source that
 * is not allowed is refused (403) before helm runs, so no request reaches its
 * host, and helm gets the normalised URL that was checked. Every value is
 * passed as `--flag=value` or as a positional that cannot start with "-"
 * (the schemas make sure), so no request text can become a helm flag.
 */
export class ChartResolver {
  constructor(
    private readonly localChartsDir: string | undefined,
    private readonly allowList: ChartSourceAllowList,
  ) {}

  async resolve(source: ChartSource): Promise<ResolvedChart> {
    if ('repoUrl' in source) {
      const repoUrl = this.allowed('chart.repoUrl', source.repoUrl);
      return {
        args: [source.name, `--repo=${repoUrl}`, `--version=${source.version}`],
        display: `${source.name}@${source.version} from ${repoUrl}`,
      };
    }
    if ('ociRef' in source) {
      const ociRef = this.allowed('chart.ociRef', source.ociRef);
      return {
        args: [
          ociRef,
          ...(source.version ? [`--version=${source.version}`] : []),
        ],
        display: `${ociRef}${source.version ? `@${source.version}` : ''}`,
      };
    }
    const local = this.allowList.checkLocal();
    if (local) throw new NotAllowedError(`chart.localName: ${local.problem}`);
    return this.resolveLocal(source.localName, source.version);
  }

  /** The checked, normalised URL; 403 naming the field and the rule. */
  private allowed(field: string, url: string): string {
    const result = this.allowList.checkUrl(url);
    if ('problem' in result) {
      throw new NotAllowedError(`${field} ${result.problem}`);
    }
    return result.href;
  }

  /**
   * `<dir>/<name>-<version>.tgz` when a version is asked and packaged, else
   * the chart directory `<dir>/<name>` whose Chart.yaml must carry the asked
   * version (helm ignores --version for local charts, so we check it).
   */
  private async resolveLocal(
    name: string,
    version?: string,
  ): Promise<ResolvedChart> {
    const display = `${name}${version ? `@${version}` : ''} (local)`;
    if (!this.localChartsDir) {
      throw new InputError(
        'Local charts are not enabled on this operator (helmOperator.localChartsDir)',
      );
    }
    const root = path.resolve(this.localChartsDir);
    if (version && /^[\w.+-]+$/.test(version)) {
      const packaged = path.join(root, `${name}-${version}.tgz`);
      if (await exists(packaged)) return { args: [packaged], display };
    }
    const dir = path.join(root, name);
    // The schema refuses "/" and "..": this is a second line of defence.
    if (path.dirname(dir) !== root) {
      throw new InputError(`Invalid local chart name "${name}"`);
    }
    let chartYaml: string;
    try {
      chartYaml = await fs.readFile(path.join(dir, 'Chart.yaml'), 'utf8');
    } catch {
      throw new UnprocessableError(
        `Chart ${display} could not be fetched: there is no local chart of that name`,
      );
    }
    const actual = String(
      (parse(chartYaml) as { version?: unknown })?.version ?? '',
    );
    if (version && version !== actual) {
      throw new UnprocessableError(
        `Chart ${display} could not be fetched: the local chart has version ${
          actual || 'none'
        }`,
      );
    }
    return { args: [dir], display: `${name}@${actual} (local)` };
  }
}

async function exists(file: string) {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
