import type { Config } from '@backstage/config';
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ApiClient,
  createPluginApiClient,
  helmOperatorRoutes,
  OPERATOR_REFUSAL_ERRORS,
  type HelmOperatorRoutes,
  type ReleaseVolumesResponse,
  type DiffReleaseRequest,
  type DiffReleaseResponse,
  type EnsureNamespaceRequest,
  type EnsureNamespaceResponse,
  type IngressInfo,
  type IngressSpec,
  type NamespaceQuotaUsageResponse,
  type NamespaceReleaseStatusesResponse,
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
  /** The status of every release of a workspace namespace (the reconciler's health check). */
  getNamespaceStatuses(
    namespace: string,
  ): Promise<NamespaceReleaseStatusesResponse>;
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
type OperationId = keyof HelmOperatorRoutes & string;

/** Calls that wait for helm to render or list (one helm list per namespace, a few at a time). */
const DIFF_LIKE: ReadonlySet<OperationId> = new Set<OperationId>([
  'diffRelease',
  'listReleases',
]);

/** The limit of one call: reads are quick, helm mutations take as long as helm may. */
function timeoutOf(operationId: OperationId, timeouts: Timeouts): number {
  if (DIFF_LIKE.has(operationId)) return timeouts.diff;
  const method = helmOperatorRoutes[operationId].method;
  return method === 'GET' ? timeouts.read : timeouts.write;
}

/**
 * Errors that may go away by themselves (operator down or slow, helm busy
 * with another operation on the release): retried with backoff, not shown as
 * a failure of the service.
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
  const name = (error as { remoteName?: unknown })?.remoteName;
  return (Object.keys(OPERATOR_REFUSAL_ERRORS) as OperatorRefusal[]).find(
    k => OPERATOR_REFUSAL_ERRORS[k] === name,
  );
}

/** undefined for a 404 (the release is not there), else the answer or the error. */
export async function orUndefined<T>(
  promise: Promise<T>,
): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if ((error as Error)?.name === 'NotFoundError') return undefined;
    throw error;
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
 * The helm-operator's client (the route table's ApiClient), called with this
 * plugin's own service credentials (plugin-to-plugin token) or, when the
 * operator runs apart, its API key; every answer parsed with the operator's
 * wire schemas. Failed calls are the error type of their status, with the
 * operator's name for a permanent refusal (operatorRefusalOf) and the delay
 * of a 503 Retry-After (retryAfterOf) kept on them.
 */
export class OperatorClient implements OperatorApi {
  /** Every route of the operator; the backup, logs and release-details clients call through it. */
  readonly http: ApiClient<HelmOperatorRoutes>;

  constructor(deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    endpoint?: OperatorEndpoint;
    timeoutsMs?: Partial<Timeouts>;
  }) {
    const timeouts = { ...DEFAULT_TIMEOUTS_MS, ...deps.timeoutsMs };
    const target = { pluginId: 'helm-operator', apiName: 'helm-operator' };
    const options = {
      timeoutMs: (operationId: OperationId) => timeoutOf(operationId, timeouts),
    };
    const { endpoint } = deps;
    this.http = endpoint
      ? new ApiClient(helmOperatorRoutes, {
          ...target,
          ...options,
          baseUrl: async () => endpoint.baseUrl,
          authHeaders: async () => ({
            Authorization: `Bearer ${endpoint.apiKey}`,
          }),
        })
      : createPluginApiClient(
          helmOperatorRoutes,
          target,
          {
            ...deps,
            onBehalfOf: () => deps.auth.getOwnServiceCredentials(),
          },
          options,
        );
  }

  ensureNamespace(request: EnsureNamespaceRequest) {
    return this.http.call('ensureNamespace', { body: request });
  }

  getQuotaUsage(namespace: string) {
    return this.http.call('getNamespaceQuotaUsage', { params: { namespace } });
  }

  getNamespaceStatuses(namespace: string) {
    return this.http.call('listNamespaceReleaseStatuses', {
      params: { namespace },
    });
  }

  installRelease(request: InstallReleaseRequest) {
    return this.http.call('installRelease', { body: request });
  }

  getRelease(namespace: string, name: string) {
    return orUndefined(
      this.http.call('getRelease', { params: { namespace, name } }),
    );
  }

  upgradeRelease(
    namespace: string,
    name: string,
    request: UpgradeReleaseRequest,
  ) {
    return this.http.call('upgradeRelease', {
      params: { namespace, name },
      body: request,
    });
  }

  uninstallRelease(
    namespace: string,
    name: string,
    options: { deleteData: boolean },
  ) {
    return orUndefined(
      this.http.call('uninstallRelease', {
        params: { namespace, name },
        query: { deleteData: options.deleteData ? 'true' : 'false' },
      }),
    );
  }

  rollbackRelease(namespace: string, name: string, revision: number) {
    return this.http.call('rollbackRelease', {
      params: { namespace, name },
      body: { revision },
    });
  }

  listRevisions(namespace: string, name: string) {
    return this.http.call('listReleaseRevisions', {
      params: { namespace, name },
    });
  }

  getStatus(namespace: string, name: string) {
    return orUndefined(
      this.http.call('getReleaseStatus', { params: { namespace, name } }),
    );
  }

  getReleaseVolumes(namespace: string, name: string) {
    return orUndefined(
      this.http.call('getReleaseVolumes', { params: { namespace, name } }),
    );
  }

  diffRelease(namespace: string, name: string, request: DiffReleaseRequest) {
    return this.http.call('diffRelease', {
      params: { namespace, name },
      body: request,
    });
  }

  setIngress(
    namespace: string,
    name: string,
    spec: Pick<IngressSpec, 'subdomain' | 'customDomain'>,
  ) {
    return this.http.call('putReleaseIngress', {
      params: { namespace, name },
      body: spec,
    });
  }

  recoverRelease(namespace: string, name: string) {
    return this.http.call('recoverRelease', { params: { namespace, name } });
  }

  listReleases(namespace?: string) {
    return this.http.call('listReleases', { query: { namespace } });
  }

  getReleaseValues(namespace: string, name: string) {
    return this.http.call('getReleaseValues', { params: { namespace, name } });
  }
}
