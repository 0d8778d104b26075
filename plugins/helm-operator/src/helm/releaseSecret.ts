import { V1Secret } from '@kubernetes/client-node';
import {
  HelmReleaseStatus,
  helmReleaseStatusSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { gunzipSync } from 'node:zlib';

/** The Secret type helm's storage driver gives every release revision. */
export const HELM_RELEASE_SECRET_TYPE = 'helm.sh/release.v1';

/**
 * One revision of a helm release, as the operator keeps it in memory: what
 * status, history, values, manifest and notes need, without the chart's
 * templates, files and default values (the bulk of a release Secret).
 */
export interface CachedRevision {
  namespace: string;
  releaseName: string;
  revision: number;
  status: HelmReleaseStatus;
  chart: string;
  chartVersion: string;
  appVersion: string;
  /** As helm stores it (RFC 3339 with nanoseconds): `helm history`'s `updated`. */
  lastDeployed: string;
  description: string;
  notes: string;
  manifest: string;
  hooks: string[];
  /** The user-supplied values (`helm get values`); {} when none. */
  values: Record<string, unknown>;
}

/** The parts of helm's release JSON read here. */
interface HelmReleaseRecord {
  name?: string;
  namespace?: string;
  version?: number;
  info?: {
    last_deployed?: string;
    description?: string;
    status?: string;
    notes?: string;
  };
  chart?: {
    metadata?: { name?: string; version?: string; appVersion?: string };
  };
  config?: Record<string, unknown> | null;
  manifest?: string;
  hooks?: { manifest?: string }[] | null;
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

function toStatus(value: unknown): HelmReleaseStatus {
  const parsed = helmReleaseStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : 'unknown';
}

/**
 * helm's encoding of a release (storage/driver/util.go): JSON, gzipped,
 * base64; the API server base64-encodes Secret data once more. Old helm
 * versions stored the JSON without gzip, which helm still reads.
 */
export function decodeReleasePayload(secretData: string): HelmReleaseRecord {
  const inner = Buffer.from(secretData, 'base64').toString('utf8');
  const bytes = Buffer.from(inner, 'base64');
  const gzipped = GZIP_MAGIC.every((b, i) => bytes[i] === b);
  const json = gzipped ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString('utf8')) as HelmReleaseRecord;
}

/**
 * The revision a release Secret holds, or undefined for a Secret that is not
 * one (wrong type, no payload). Throws on a payload that does not decode.
 */
export function decodeReleaseSecret(
  secret: V1Secret,
): CachedRevision | undefined {
  const payload = secret.data?.release;
  if (secret.type !== HELM_RELEASE_SECRET_TYPE || !payload) return undefined;
  const r = decodeReleasePayload(payload);
  const meta = r.chart?.metadata ?? {};
  return {
    namespace: r.namespace ?? secret.metadata?.namespace ?? '',
    releaseName: r.name ?? secret.metadata?.labels?.name ?? '',
    revision: r.version ?? Number(secret.metadata?.labels?.version ?? 0),
    status: toStatus(r.info?.status),
    chart: meta.name ?? '',
    chartVersion: meta.version ?? '',
    appVersion: meta.appVersion ?? '',
    lastDeployed: r.info?.last_deployed ?? '',
    description: r.info?.description ?? '',
    notes: r.info?.notes ?? '',
    manifest: r.manifest ?? '',
    hooks: (r.hooks ?? []).map(h => h.manifest ?? ''),
    values: r.config && typeof r.config === 'object' ? r.config : {},
  };
}

/**
 * `helm get metadata`'s deployedAt: the last deployment time in RFC 3339
 * without fractional seconds (Go's time.RFC3339 layout).
 */
export function deployedAtOf(lastDeployed: string): string {
  return lastDeployed.replace(/\.\d+(?=(Z|[+-]\d\d:\d\d)$)/, '');
}
