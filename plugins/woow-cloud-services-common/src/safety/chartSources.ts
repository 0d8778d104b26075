// Which chart sources helm may fetch from: an allow list of URL prefixes
// (helmOperator.allowedChartSources). One matching rule, used by the operator
// before helm runs and by the backend when a template is saved.
//
// Both sides of a comparison are normalised with the WHATWG URL parser:
// scheme, lower-case host (a trailing dot dropped), port (the scheme's
// default made explicit) and path (dot segments resolved). A source matches
// an entry when scheme, host and port are equal and the entry's path is the
// source's path or a parent of it at a "/" boundary
// (`https://a.com/charts` allows `https://a.com/charts/x`, not
// `https://a.com/charts-evil`). Sources with user info (`https://a.com@b`),
// a query, a fragment, backslashes, whitespace or encoded slashes, dots or
// backslashes are refused outright, and helm is handed the normalised URL
// that was checked, never the text as sent.

/** The allow-list entry that enables the operator's local charts directory. */
export const LOCAL_CHART_SOURCE = 'local:';

/**
 * The default allow list: the repositories the marketplace's own templates
 * (marketplace/*.yaml) use, plus the local charts directory.
 */
export const DEFAULT_ALLOWED_CHART_SOURCES: readonly string[] = [
  'https://8gears.github.io/n8n-helm-chart',
  'https://airflow.apache.org',
  'https://apache.github.io/superset',
  'https://charts.bitnami.com/bitnami',
  'https://charts.jenkins.io',
  'https://dl.gitea.com/charts',
  'https://grafana.github.io/helm-charts',
  'https://helm.irsigler.cloud',
  'https://helm.openwebui.com',
  'https://helm.twun.io',
  'https://la-cc.github.io/anything-llm-helm-chart',
  'https://otwld.github.io/ollama-helm',
  'https://pmint93.github.io/helm-charts',
  'https://schwarzit.github.io/node-red-chart',
  'https://stefanprodan.github.io/podinfo',
  LOCAL_CHART_SOURCE,
];

const DEFAULT_PORTS: Record<string, string> = {
  'http:': '80',
  'https:': '443',
  'oci:': '443',
};

/** A chart URL taken apart after normalisation. */
export interface NormalizedChartUrl {
  scheme: 'http:' | 'https:' | 'oci:';
  host: string;
  port: string;
  /** Without a trailing "/"; "" for the root. */
  path: string;
  /** The URL to hand to helm: exactly what was checked. */
  href: string;
}

/** Normalises a chart URL, or says why it cannot be one. */
export function normalizeChartUrl(
  raw: string,
): NormalizedChartUrl | { problem: string } {
  // eslint-disable-next-line no-control-regex
  if (/[\s\\\u0000-\u001f\u007f-\uffff]/.test(raw)) {
    return { problem: 'contains whitespace, a backslash or non-ASCII text' };
  }
  if (/[?#]/.test(raw)) return { problem: 'has a query or a fragment' };
  if (/%(2f|5c|2e|40)/i.test(raw)) {
    return { problem: 'has an encoded "/", "\\", "." or "@"' };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (!scheme || !DEFAULT_PORTS[`${scheme}:`]) {
    return { problem: 'must start with https://, http:// or oci://' };
  }
  const authority = raw.slice(scheme.length + 3).split('/')[0];
  if (authority.includes('@')) {
    return { problem: 'must not carry user info ("user@host")' };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'is not a valid URL' };
  }
  if (url.username || url.password) {
    return { problem: 'must not carry user info ("user@host")' };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return { problem: 'has no host' };
  const protocol = url.protocol as NormalizedChartUrl['scheme'];
  const port = url.port || DEFAULT_PORTS[protocol];
  const path = url.pathname.replace(/\/+$/, '');
  const shownPort = port === DEFAULT_PORTS[protocol] ? '' : `:${port}`;
  return {
    scheme: protocol,
    host,
    port,
    path,
    href: `${protocol}//${host}${shownPort}${path}`,
  };
}

/** The parsed allow list; build it once from config with {@link ChartSourceAllowList.fromEntries}. */
export class ChartSourceAllowList {
  private constructor(
    private readonly prefixes: NormalizedChartUrl[],
    readonly allowsLocal: boolean,
    /** The config key to name in refusals. */
    readonly configKey: string,
  ) {}

  /** Throws (naming the entry) when an entry is not a usable prefix. */
  static fromEntries(
    entries: readonly string[],
    configKey = 'helmOperator.allowedChartSources',
  ): ChartSourceAllowList {
    const prefixes: NormalizedChartUrl[] = [];
    let allowsLocal = false;
    entries.forEach((entry, index) => {
      if (entry === LOCAL_CHART_SOURCE) {
        allowsLocal = true;
        return;
      }
      const normalized = normalizeChartUrl(entry);
      if ('problem' in normalized) {
        throw new Error(
          `Invalid config ${configKey}[${index}] "${entry}": ${normalized.problem} (or "${LOCAL_CHART_SOURCE}" for the local charts directory)`,
        );
      }
      prefixes.push(normalized);
    });
    return new ChartSourceAllowList(prefixes, allowsLocal, configKey);
  }

  /**
   * The normalised URL when `raw` (a repository URL or an `oci://`
   * reference) is allowed, else why not.
   */
  checkUrl(raw: string): { href: string } | { problem: string } {
    const candidate = normalizeChartUrl(raw);
    if ('problem' in candidate) {
      return {
        problem: `${candidate.problem}, so it is not an allowed chart source (${this.configKey})`,
      };
    }
    const allowed = this.prefixes.some(
      prefix =>
        prefix.scheme === candidate.scheme &&
        prefix.host === candidate.host &&
        prefix.port === candidate.port &&
        (candidate.path === prefix.path ||
          candidate.path.startsWith(`${prefix.path}/`)),
    );
    return allowed
      ? { href: candidate.href }
      : { problem: `is not an allowed chart source (${this.configKey})` };
  }

  /** Why a local chart is refused, or undefined. */
  checkLocal(): { problem: string } | undefined {
    return this.allowsLocal
      ? undefined
      : {
          problem: `local charts are not an allowed chart source (add "${LOCAL_CHART_SOURCE}" to ${this.configKey})`,
        };
  }
}
