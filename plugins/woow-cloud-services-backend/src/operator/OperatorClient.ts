import type { Config } from '@backstage/config';
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  diffReleaseResponseSchema,
  ensureNamespaceResponseSchema,
  namespaceQuotaUsageResponseSchema,
  ingressInfoSchema,
  recoverReleaseResponseSchema,
  releaseInfoResponseSchema,
  releaseListResponseSchema,
  releaseOperationResponseSchema,
  releaseRevisionsResponseSchema,
  releaseStatusResponseSchema,
  releaseValuesResponseSchema,
  uninstallReleaseResponseSchema,
  releaseVolumesResponseSchema,
  OPERATOR_REFUSAL_ERRORS,
  type ReleaseVolumesResponse,
  type DiffReleaseRequest,
  type DiffReleaseResponse,
  type EnsureNamespaceRequest,
  type EnsureNamespaceResponse,
  type IngressInfo,
  type IngressSpec,
  type NamespaceQuotaUsageResponse,
  type InstallReleaseRequest,
  type RecoverReleaseResponse,
  type ReleaseInfoResponse,
  type ReleaseListResponse,
  type ReleaseOperationResponse,
  type ReleaseRevisionsResponse,
  type ReleaseStatusResponse,
  type ReleaseValuesResponse,
  type UninstallReleaseResponse,
  type UpgradeReleaseRequest,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { z } from 'zod';
import { parseRetryAfter, withRetryAfter } from './operatorBusy';

/** What this plugin needs from the helm-operator (one method per endpoint). */
export interface OperatorApi {
  ensureNamespace(
    request: EnsureNamespaceRequest,
  ): Promise<EnsureNamespaceResponse>;
  installRelease(
    request: InstallReleaseRequest,
  ): Promise<ReleaseOperationResponse>;
  /** The workspace quota's hard limits and usage (`exists: false` before the first deploy). */
  getQuotaUsage(namespace: string): Promise<NamespaceQuotaUsageResponse>;
  /** undefined when the release does not exist. */
  getRelease(
    namespace: string,
    name: string,
  ): Promise<ReleaseInfoResponse | undefined>;
  upgradeRelease(
    namespace: string,
    name: string,
    request: UpgradeReleaseRequest,
  ): Promise<ReleaseOperationResponse>;
  /** undefined when there was no release to uninstall. */
  uninstallRelease(
    namespace: string,
    name: string,
    options: { deleteData: boolean },
  ): Promise<UninstallReleaseResponse | undefined>;
  rollbackRelease(
    namespace: string,
    name: string,
    revision: number,
  ): Promise<ReleaseOperationResponse>;
  listRevisions(
    namespace: string,
    name: string,
  ): Promise<ReleaseRevisionsResponse>;
  /** undefined when the release does not exist. */
  getStatus(
    namespace: string,
    name: string,
  ): Promise<ReleaseStatusResponse | undefined>;
  diffRelease(
    namespace: string,
    name: string,
    request: DiffReleaseRequest,
  ): Promise<DiffReleaseResponse>;
  /** What uninstalling does to the release's volumes; undefined when the release does not exist. */
  getReleaseVolumes(
    namespace: string,
    name: string,
  ): Promise<ReleaseVolumesResponse | undefined>;
  setIngress(
    namespace: string,
    name: string,
    spec: Pick<IngressSpec, 'subdomain' | 'customDomain'>,
  ): Promise<IngressInfo>;
  /** Unsticks a release left in a pending-* state by an interrupted helm operation. */
  recoverRelease(
    namespace: string,
    name: string,
  ): Promise<RecoverReleaseResponse>;
  /** The helm releases of every workspace namespace (or of one), whoever installed them. */
  listReleases(namespace?: string): Promise<ReleaseListResponse>;
  /** The user values of a release's deployed revision, secrets in clear: never pass them on. */
  getReleaseValues(
    namespace: string,
    name: string,
  ): Promise<ReleaseValuesResponse>;
}

/** Time limits: the operator's own helm timeouts (300 s by default) plus a margin. */
const DEFAULT_TIMEOUTS_MS = { read: 30_000, diff: 150_000, write: 330_000 };
type Timeouts = typeof DEFAULT_TIMEOUTS_MS;

const errorBodySchema = z.object({
  error: z.object({
    name: z.string().optional(),
    message: z.string().optional(),
  }),
});

/**
 * Errors that may go away by themselves (operator down, helm busy with
 * another operation on the release): retried with backoff, not shown as a
 * failure of the service.
 */
export function isTransientOperatorError(error: unknown): boolean {
  const name = (error as Error)?.name;
  if (operatorRefusalOf(error)) return false;
  return name === 'ServiceUnavailableError' || name === 'ConflictError';
}

type OperatorRefusal = keyof typeof OPERATOR_REFUSAL_ERRORS;

/**
 * Which of the operator's permanent refusals an error is (see
 * OPERATOR_REFUSAL_ERRORS), if any: asking again will not change it.
 */
export function operatorRefusalOf(error: unknown): OperatorRefusal | undefined {
  const name = (error as { operatorError?: unknown })?.operatorError;
  return (Object.keys(OPERATOR_REFUSAL_ERRORS) as OperatorRefusal[]).find(
    k => OPERATOR_REFUSAL_ERRORS[k] === name,
  );
}

/** An operator error answer as the error this plugin throws (OperatorLogsClient too). */
export function mapError(status: number, body: unknown, what: string): Error {
  const parsed = errorBodySchema.safeParse(body);
  // The operator sanitizes its messages; cap the length all the same.
  const detail =
    (parsed.success && parsed.data.error.message) || `HTTP ${status}`;
  const message = `helm-operator ${what}: ${detail.slice(0, 500)}`;
  const error = errorForStatus(status, message);
  // The operator's own name for a permanent refusal, kept for operatorRefusalOf.
  const name = parsed.success ? parsed.data.error.name : undefined;
  if (name && Object.values<string>(OPERATOR_REFUSAL_ERRORS).includes(name)) {
    Object.assign(error, { operatorError: name });
  }
  return error;
}

function errorForStatus(status: number, message: string): Error {
  switch (status) {
    case 400:
    case 422:
      return new InputError(message);
    case 401:
      return new AuthenticationError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
    case 423:
      return new ConflictError(message);
    case 501:
      // A feature the operator is not configured for (backups without storage).
      return new NotImplementedError(message);
    default:
      return new ServiceUnavailableError(message);
  }
}

/**
 * Where the operator is and how to prove who we are to it: in one backend,
 * found through discovery with a plugin-to-plugin token; run apart
 * (`woowCloudServices.operator.baseUrl`), at that URL with its API key
 * (`woowCloudServices.operator.apiKey`, the operator's static
 * external-access token) as the bearer token.
 */
export interface OperatorEndpoint {
  baseUrl: string;
  apiKey: string;
}

/** Reads woowCloudServices.operator.*; undefined when the operator runs in this backend. */
export function readOperatorEndpoint(
  config: Config,
): OperatorEndpoint | undefined {
  const baseUrl = config.getOptionalString(
    'woowCloudServices.operator.baseUrl',
  );
  if (!baseUrl) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(
      `Invalid config woowCloudServices.operator.baseUrl "${baseUrl}": an http(s) URL such as http://paas-operator.paas-system:7008/api/helm-operator`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      'Invalid config woowCloudServices.operator.baseUrl: the scheme must be http or https',
    );
  }
  const apiKey = config.getOptionalString('woowCloudServices.operator.apiKey');
  if (!apiKey) {
    throw new Error(
      'Missing config woowCloudServices.operator.apiKey: the operator runs apart (woowCloudServices.operator.baseUrl is set) and needs its API key',
    );
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ''), apiKey };
}

/**
 * HTTP client of the helm-operator plugin, called with this plugin's own
 * service credentials (plugin-to-plugin token) or, when the operator runs
 * apart, its API key; every response parsed with the operator's wire schemas.
 */
export class OperatorClient implements OperatorApi {
  private readonly timeouts: Timeouts;

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      endpoint?: OperatorEndpoint;
      timeoutsMs?: Partial<Timeouts>;
    },
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS_MS, ...deps.timeoutsMs };
  }

  /** The operator's base URL and a token for it (OperatorLogsClient streams with it). */
  async target(): Promise<{ baseUrl: string; token: string }> {
    const { endpoint, discovery, auth } = this.deps;
    if (endpoint) return { baseUrl: endpoint.baseUrl, token: endpoint.apiKey };
    const baseUrl = await discovery.getBaseUrl('helm-operator');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'helm-operator',
    });
    return { baseUrl, token };
  }

  async ensureNamespace(request: EnsureNamespaceRequest) {
    return this.call('POST', '/namespaces', ensureNamespaceResponseSchema, {
      body: request,
      what: 'ensure namespace',
    });
  }

  async getQuotaUsage(namespace: string) {
    return this.call(
      'GET',
      `/namespaces/${encodeURIComponent(namespace)}`,
      namespaceQuotaUsageResponseSchema,
      { what: 'read quota usage', timeoutMs: this.timeouts.read },
    );
  }

  async installRelease(request: InstallReleaseRequest) {
    return this.call('POST', '/releases', releaseOperationResponseSchema, {
      body: request,
      what: 'install',
    });
  }

  async getRelease(namespace: string, name: string) {
    return this.orUndefined(
      this.call(
        'GET',
        releasePath(namespace, name),
        releaseInfoResponseSchema,
        {
          what: 'get release',
          timeoutMs: this.timeouts.read,
        },
      ),
    );
  }

  async upgradeRelease(
    namespace: string,
    name: string,
    request: UpgradeReleaseRequest,
  ) {
    return this.call(
      'PATCH',
      releasePath(namespace, name),
      releaseOperationResponseSchema,
      {
        body: request,
        what: 'upgrade',
      },
    );
  }

  async uninstallRelease(
    namespace: string,
    name: string,
    options: { deleteData: boolean },
  ) {
    const query = `?deleteData=${options.deleteData ? 'true' : 'false'}`;
    return this.orUndefined(
      this.call(
        'DELETE',
        `${releasePath(namespace, name)}${query}`,
        uninstallReleaseResponseSchema,
        {
          what: 'uninstall',
        },
      ),
    );
  }

  async rollbackRelease(namespace: string, name: string, revision: number) {
    return this.call(
      'POST',
      `${releasePath(namespace, name)}/rollback`,
      releaseOperationResponseSchema,
      { body: { revision }, what: 'rollback' },
    );
  }

  async listRevisions(namespace: string, name: string) {
    return this.call(
      'GET',
      `${releasePath(namespace, name)}/revisions`,
      releaseRevisionsResponseSchema,
      { what: 'list revisions', timeoutMs: this.timeouts.read },
    );
  }

  async getStatus(namespace: string, name: string) {
    return this.orUndefined(
      this.call(
        'GET',
        `${releasePath(namespace, name)}/status`,
        releaseStatusResponseSchema,
        {
          what: 'status',
          timeoutMs: this.timeouts.read,
        },
      ),
    );
  }

  async getReleaseVolumes(namespace: string, name: string) {
    return this.orUndefined(
      this.call(
        'GET',
        `${releasePath(namespace, name)}/volumes`,
        releaseVolumesResponseSchema,
        { what: 'volumes', timeoutMs: this.timeouts.read },
      ),
    );
  }

  async diffRelease(
    namespace: string,
    name: string,
    request: DiffReleaseRequest,
  ) {
    return this.call(
      'POST',
      `${releasePath(namespace, name)}/diff`,
      diffReleaseResponseSchema,
      {
        body: request,
        what: 'diff',
        timeoutMs: this.timeouts.diff,
      },
    );
  }

  async setIngress(
    namespace: string,
    name: string,
    spec: Pick<IngressSpec, 'subdomain' | 'customDomain'>,
  ) {
    return this.call(
      'PUT',
      `${releasePath(namespace, name)}/ingress`,
      ingressInfoSchema,
      {
        body: spec,
        what: 'set ingress',
      },
    );
  }

  async recoverRelease(namespace: string, name: string) {
    return this.call(
      'POST',
      `${releasePath(namespace, name)}/recover`,
      recoverReleaseResponseSchema,
      { body: {}, what: 'recover' },
    );
  }

  async listReleases(namespace?: string) {
    const query =
      namespace !== undefined
        ? `?namespace=${encodeURIComponent(namespace)}`
        : '';
    return this.call('GET', `/releases${query}`, releaseListResponseSchema, {
      what: 'list releases',
      // One helm list per namespace, a few at a time.
      timeoutMs: this.timeouts.diff,
    });
  }

  async getReleaseValues(namespace: string, name: string) {
    return this.call(
      'GET',
      `${releasePath(namespace, name)}/values`,
      releaseValuesResponseSchema,
      { what: 'read release values', timeoutMs: this.timeouts.read },
    );
  }

  private async orUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
    try {
      return await promise;
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') return undefined;
      throw error;
    }
  }

  /** One JSON call, its answer parsed with `schema` (OperatorBackupClient calls it too). */
  async call<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    options: { body?: unknown; what: string; timeoutMs?: number },
  ): Promise<T> {
    const { baseUrl, token } = await this.target();
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(options.body !== undefined && {
            'Content-Type': 'application/json',
          }),
        },
        body:
          options.body !== undefined ? JSON.stringify(options.body) : undefined,
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeouts.write),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new ServiceUnavailableError(
        `helm-operator ${options.what}: ${
          timedOut ? 'no answer in time' : 'unreachable'
        }`,
      );
    }
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a proxy's error page): the status code tells enough.
    }
    if (!response.ok) {
      throw withRetryAfter(
        mapError(response.status, body, options.what),
        response.status === 503
          ? parseRetryAfter(response.headers.get('retry-after'))
          : undefined,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ServiceUnavailableError(
        `helm-operator ${
          options.what
        }: unexpected response (${parsed.error.issues
          .slice(0, 3)
          .map(i => `${i.path.join('.')} ${i.message}`)
          .join('; ')})`,
      );
    }
    return parsed.data;
  }
}

export function releasePath(namespace: string, name: string): string {
  return `/releases/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;
}
