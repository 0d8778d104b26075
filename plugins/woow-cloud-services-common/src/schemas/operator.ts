// Wire shapes of the helm-operator API (/api/helm-operator): the request and
// response of every endpoint. The operator validates requests with these
// schemas and builds its OpenAPI document from them; the cloud-services
// backend's OperatorClient parses responses with them.
//
// Fields are camelCase; the spec's snake_case names map one to one
// (release_name -> releaseName, repo_url -> repoUrl ...), see the operator's
// README. Request objects are strict: an unknown (or snake_case) key is a 400,
// never silently dropped.
import { z } from 'zod';
import { refuseForbiddenKeys } from '../safety/inputKeys';
import { dnsLabelSchema, MAX_RELEASE_NAME_LENGTH } from './names';

// ---------------------------------------------------------------- names

/** A namespace name (DNS label). The configured prefix is checked by the operator's fence. */
export const namespaceNameSchema = dnsLabelSchema;

/** A helm release name: DNS label of at most 53 characters, `<namespace>-<referenceId>`. */
export const releaseNameSchema = dnsLabelSchema.max(
  MAX_RELEASE_NAME_LENGTH,
  `must be at most ${MAX_RELEASE_NAME_LENGTH} characters`,
);

/** A DNS-1123 subdomain with at least two labels, e.g. `shop.example.com`. */
export const hostnameSchema = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/,
    'must be a lower-case DNS name such as "shop.example.com"',
  );

/** A Kubernetes resource quantity: "500m", "2", "16Gi". */
export const quantitySchema = z
  .string()
  .regex(
    /^([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][0-9]+|[KMGTPE]i|[mkMGTPE])?$/,
    'must be a Kubernetes quantity such as "500m", "2" or "16Gi"',
  );

const QUANTITY_SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * A Kubernetes quantity ("500m", "16Gi", "1e3") as a number of base units
 * (cores, bytes); undefined when it is not a quantity.
 */
export function quantityValue(quantity: string | number): number | undefined {
  if (typeof quantity === 'number') return quantity;
  const m =
    /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]([0-9]+)|([KMGTPE]i|[mkMGTPE])?)$/.exec(
      quantity.trim(),
    );
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2] !== undefined) return base * 10 ** Number(m[2]);
  return base * QUANTITY_SUFFIX[m[3] ?? ''];
}

// ---------------------------------------------------------------- namespaces

/** The ResourceQuota `workspace-quota` of a workspace namespace (spec: requests.cpu ...). */
export const workspaceQuotaSchema = z.strictObject({
  requestsCpu: quantitySchema,
  requestsMemory: quantitySchema,
  limitsCpu: quantitySchema,
  limitsMemory: quantitySchema,
  persistentVolumeClaims: z.number().int().min(0),
  requestsStorage: quantitySchema,
});
export type WorkspaceQuota = z.infer<typeof workspaceQuotaSchema>;

/** Per-request overrides of the configured defaults, each within the configured maximum. */
export const workspaceQuotaOverrideSchema = workspaceQuotaSchema.partial();
export type WorkspaceQuotaOverride = z.infer<
  typeof workspaceQuotaOverrideSchema
>;

export const ensureNamespaceRequestSchema = z.strictObject({
  workspaceId: dnsLabelSchema,
  quota: workspaceQuotaOverrideSchema.optional(),
});
export type EnsureNamespaceRequest = z.infer<
  typeof ensureNamespaceRequestSchema
>;

export const ensureNamespaceResponseSchema = z.object({
  namespace: z.string(),
  /** false when the namespace existed already (the call is idempotent). */
  created: z.boolean(),
  /** The quota in force after the call. */
  quota: workspaceQuotaSchema,
});
export type EnsureNamespaceResponse = z.infer<
  typeof ensureNamespaceResponseSchema
>;

/**
 * GET /namespaces/{namespace}: the workspace ResourceQuota's `status.hard`
 * and `status.used`, keyed as Kubernetes keys them ("requests.cpu",
 * "requests.memory", "requests.storage" ...), values as quantities.
 * `exists: false` (and empty maps) when the namespace or its quota is not
 * there yet: nothing is used.
 */
export const namespaceQuotaUsageResponseSchema = z.object({
  namespace: z.string(),
  exists: z.boolean(),
  hard: z.record(z.string(), quantitySchema),
  used: z.record(z.string(), quantitySchema),
});
export type NamespaceQuotaUsageResponse = z.infer<
  typeof namespaceQuotaUsageResponseSchema
>;

// ---------------------------------------------------------------- charts and values

const chartNameSchema = z
  .string()
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must be a chart name such as "postgresql"',
  );

/** A chart version or helm version constraint ("15.5.0", "^15.0.0"). */
export const chartVersionSchema = z
  .string()
  .max(128)
  .regex(
    /^[A-Za-z0-9^~<>=*.][A-Za-z0-9.+_~^<>=*, |-]*$/,
    'must be a chart version such as "1.2.3"',
  );

/** A chart from an HTTP(S) chart repository. */
export const repoChartSchema = z.strictObject({
  repoUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  name: chartNameSchema,
  version: chartVersionSchema,
});

/** A chart from an OCI registry: `oci://registry/path/chart`. */
export const ociChartSchema = z.strictObject({
  ociRef: z
    .string()
    .max(512)
    .regex(
      /^oci:\/\/[A-Za-z0-9.-]+(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/,
      'must be an OCI reference such as "oci://registry.example.com/charts/app"',
    ),
  version: chartVersionSchema.optional(),
});

/** A chart from the operator's configured local charts directory (helmOperator.localChartsDir). */
export const localChartSchema = z.strictObject({
  localName: chartNameSchema,
  version: chartVersionSchema.optional(),
});

export const chartSourceSchema = z.union([
  repoChartSchema,
  ociChartSchema,
  localChartSchema,
]);
export type ChartSource = z.infer<typeof chartSourceSchema>;

/** Helm values: a JSON object, written by the operator to a YAML values file. */
export const helmValuesSchema = z
  .record(z.string(), z.unknown())
  .superRefine(refuseForbiddenKeys);
export type HelmValues = z.infer<typeof helmValuesSchema>;

// ---------------------------------------------------------------- ingress

export const ingressSpecSchema = z.strictObject({
  /** `{subdomain}.{baseDomain}` is routed to the release's Service. */
  subdomain: dnsLabelSchema,
  customDomain: hostnameSchema.optional(),
  /** Which Service to route to (the template's `connection`); default: the first Service with ports, headless ones last. */
  serviceName: dnsLabelSchema.optional(),
  /** Which Service port to route to (number or port name); default: the first port. */
  servicePort: z
    .union([z.number().int().min(1).max(65535), dnsLabelSchema.max(15)])
    .optional(),
});
export type IngressSpec = z.infer<typeof ingressSpecSchema>;

export const ingressInfoSchema = z.object({
  name: z.string(),
  hosts: z.array(z.string()),
  className: z.string(),
  tlsSecretName: z.string(),
  serviceName: z.string(),
  servicePort: z.union([z.number(), z.string()]),
});
export type IngressInfo = z.infer<typeof ingressInfoSchema>;

// ---------------------------------------------------------------- releases

export const helmReleaseStatusSchema = z.enum([
  'unknown',
  'deployed',
  'uninstalled',
  'superseded',
  'failed',
  'uninstalling',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
]);
export type HelmReleaseStatus = z.infer<typeof helmReleaseStatusSchema>;

export const installReleaseRequestSchema = z.strictObject({
  namespace: namespaceNameSchema,
  releaseName: releaseNameSchema,
  chart: chartSourceSchema,
  values: helmValuesSchema.default({}),
  ingress: ingressSpecSchema.optional(),
});
export type InstallReleaseRequest = z.input<typeof installReleaseRequestSchema>;

/**
 * PATCH: helm upgrade. `values` REPLACE the release's user values (reset-values
 * semantics); when omitted, the current user values are sent again unchanged.
 * `chartVersion` changes the version of the recorded (or given) chart source.
 */
export const upgradeReleaseRequestSchema = z.strictObject({
  values: helmValuesSchema.optional(),
  chartVersion: chartVersionSchema.optional(),
  chart: chartSourceSchema.optional(),
  /** Replace resources whose immutable fields changed (helm 4 --force-replace, helm 3 --force). */
  force: z.boolean().optional(),
});
export type UpgradeReleaseRequest = z.infer<typeof upgradeReleaseRequestSchema>;

/** Response of install, upgrade and rollback. */
export const releaseOperationResponseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  status: helmReleaseStatusSchema,
  revision: z.number().int(),
  ingress: ingressInfoSchema.nullable(),
});
export type ReleaseOperationResponse = z.infer<
  typeof releaseOperationResponseSchema
>;

export const releaseInfoResponseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  chart: z.string(),
  chartVersion: z.string(),
  appVersion: z.string(),
  revision: z.number().int(),
  status: helmReleaseStatusSchema,
  /** ISO 8601 */
  lastDeployed: z.string(),
  description: z.string(),
  notes: z.string(),
  ingress: ingressInfoSchema.nullable(),
});
export type ReleaseInfoResponse = z.infer<typeof releaseInfoResponseSchema>;

export const uninstallReleaseResponseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  ingressDeleted: z.boolean(),
  /** PVCs of the release deleted because deleteData=true. */
  deletedPvcs: z.array(z.string()),
  /** PVCs of the release still present (their data is kept). */
  retainedPvcs: z.array(z.string()),
});
export type UninstallReleaseResponse = z.infer<
  typeof uninstallReleaseResponseSchema
>;

/**
 * GET /releases/{ns}/{name}/volumes: what `helm uninstall` does to the
 * release's volumes, read from its manifest, so that a delete dialog offers
 * "keep data" only when keeping is what would really happen.
 */
export const releaseVolumesResponseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  /** Volumes that outlive `helm uninstall`: StatefulSet claim templates (`<template> of StatefulSet <name>`) and chart PVCs marked helm.sh/resource-policy: keep. */
  survivingUninstall: z.array(z.string()),
  /** Chart PVCs `helm uninstall` deletes (no keep policy): with any, keeping data is impossible. */
  deletedByUninstall: z.array(z.string()),
  /** True when the release has volumes and all of them survive uninstall. */
  keepDataPossible: z.boolean(),
});
export type ReleaseVolumesResponse = z.infer<
  typeof releaseVolumesResponseSchema
>;

export const rollbackReleaseRequestSchema = z.strictObject({
  revision: z.number().int().min(1),
});
export type RollbackReleaseRequest = z.infer<
  typeof rollbackReleaseRequestSchema
>;

export const releaseRevisionSchema = z.object({
  revision: z.number().int(),
  status: helmReleaseStatusSchema,
  /** `<chart name>-<chart version>` as helm reports it. */
  chart: z.string(),
  appVersion: z.string(),
  /** ISO 8601 */
  updated: z.string(),
  description: z.string(),
});
export type ReleaseRevision = z.infer<typeof releaseRevisionSchema>;

export const releaseRevisionsResponseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  revisions: z.array(releaseRevisionSchema),
});
export type ReleaseRevisionsResponse = z.infer<
  typeof releaseRevisionsResponseSchema
>;

// ---------------------------------------------------------------- status

/** One word for what the user sees; details in workloads, pods and problems. */
export const releaseStateSchema = z.enum([
  'running',
  'progressing',
  'degraded',
  'failed',
  'pending-operation',
  'unknown',
]);
export type ReleaseState = z.infer<typeof releaseStateSchema>;

export const workloadStatusSchema = z.object({
  kind: z.enum(['Deployment', 'StatefulSet', 'DaemonSet']),
  name: z.string(),
  desired: z.number().int(),
  ready: z.number().int(),
  updated: z.number().int(),
});
export type WorkloadStatus = z.infer<typeof workloadStatusSchema>;

/** Requests or limits of a container as its pod spec has them ("cpu": "500m"). */
export const containerResourceListSchema = z.record(z.string(), z.string());

/** A container's requests and limits, read from the running pod's spec. */
export const containerResourcesSchema = z.object({
  name: z.string(),
  /** Whether it is an init container (runs before the others, then ends). */
  init: z.boolean(),
  requests: containerResourceListSchema,
  limits: containerResourceListSchema,
});
export type ContainerResources = z.infer<typeof containerResourcesSchema>;

export const podStatusSchema = z.object({
  name: z.string(),
  /** `Kind/name` of the workload the pod belongs to. */
  workload: z.string(),
  phase: z.string(),
  ready: z.boolean(),
  restarts: z.number().int(),
  reason: z.string().optional(),
  /** Requests and limits per container (from the informer's copy of the pod). */
  containers: z.array(containerResourcesSchema).default([]),
});
export type PodStatus = z.infer<typeof podStatusSchema>;

export const workloadProblemSchema = z.object({
  /** ImagePullBackOff, ErrImagePull, CrashLoopBackOff, Unschedulable, QuotaExceeded, ... */
  reason: z.string(),
  /** `Kind/name` of the object the problem was seen on. */
  object: z.string(),
  message: z.string(),
});
export type WorkloadProblem = z.infer<typeof workloadProblemSchema>;

export const releaseStatusResponseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  state: releaseStateSchema,
  helmStatus: helmReleaseStatusSchema,
  revision: z.number().int(),
  workloads: z.array(workloadStatusSchema),
  pods: z.array(podStatusSchema),
  problems: z.array(workloadProblemSchema),
  message: z.string(),
});
export type ReleaseStatusResponse = z.infer<typeof releaseStatusResponseSchema>;

/**
 * The status of every release of one workspace namespace, from the
 * operator's caches: the reconciler's health check, one call per namespace.
 * A release missing here does not exist (the same as a 404 from .../status).
 */
export const namespaceReleaseStatusesResponseSchema = z.object({
  namespace: z.string(),
  releases: z.array(releaseStatusResponseSchema),
});
export type NamespaceReleaseStatusesResponse = z.infer<
  typeof namespaceReleaseStatusesResponseSchema
>;

/** Longest a GET /changes may be held open (below the backend's 30 s read limit). */
export const MAX_CHANGES_WAIT_SECONDS = 25;

/**
 * A position in the operator's change feed: `{epoch}-{sequence}`, the
 * epoch naming the operator process (a cursor of another process is reset).
 */
export const changesCursorSchema = z
  .string()
  .regex(
    /^[a-z0-9]{1,32}-[0-9]{1,15}$/,
    'a cursor as returned by GET /changes ({epoch}-{sequence})',
  );

/** GET /changes query. */
export const namespaceChangesQuerySchema = z.strictObject({
  since: changesCursorSchema
    .optional()
    .describe(
      'the cursor of the previous answer; absent: every namespace counts as changed (reset true)',
    ),
  waitSeconds: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_CHANGES_WAIT_SECONDS)
    .default(0)
    .describe(
      `when nothing changed after since, hold the answer open until something does, at most this long (0 to ${MAX_CHANGES_WAIT_SECONDS}, default 0)`,
    ),
});
export type NamespaceChangesQuery = z.input<typeof namespaceChangesQuerySchema>;

/**
 * The workspace namespaces in which the operator's watches saw a change
 * (helm's release Secrets, workloads, pods, ReplicaSets, FailedCreate events)
 * after `since`.
 */
export const namespaceChangesResponseSchema = z.object({
  cursor: changesCursorSchema.describe('pass it as since in the next call'),
  namespaces: z
    .array(z.string())
    .describe('namespaces changed after since, each once'),
  reset: z
    .boolean()
    .describe(
      'true: changes may have been missed (no or unknown since, an operator restart, a watch relisted): treat every namespace as changed',
    ),
});
export type NamespaceChangesResponse = z.infer<
  typeof namespaceChangesResponseSchema
>;

export const recoverReleaseResponseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  previousStatus: helmReleaseStatusSchema,
  action: z.enum(['rolled-back', 'uninstalled']),
  /** The revision rolled back to (action rolled-back). */
  rolledBackTo: z.number().int().optional(),
});
export type RecoverReleaseResponse = z.infer<
  typeof recoverReleaseResponseSchema
>;

// ---------------------------------------------------------------- diff

export const diffReleaseRequestSchema = z.union([
  z.strictObject({ rollbackRevision: z.number().int().min(1) }),
  upgradeReleaseRequestSchema.omit({ force: true }),
]);
export type DiffReleaseRequest = z.infer<typeof diffReleaseRequestSchema>;

/** Paths like `auth.password` or `env[0].value`; password-like values are masked as "***". */
export const valuesDiffSchema = z.object({
  added: z.array(z.object({ path: z.string(), value: z.unknown() })),
  removed: z.array(z.object({ path: z.string(), value: z.unknown() })),
  changed: z.array(
    z.object({ path: z.string(), from: z.unknown(), to: z.unknown() }),
  ),
});
export type ValuesDiff = z.infer<typeof valuesDiffSchema>;

/**
 * An object of the release that the API server would refuse to update as the
 * upgrade renders it (a server-side dry run, `dryRun=All`, as the workspace's
 * deployer): e.g. a StatefulSet whose volumeClaimTemplates change.
 */
export const clusterRefusalSchema = z.object({
  kind: z.string().describe('kind of the refused object, e.g. StatefulSet'),
  name: z.string().describe('name of the refused object'),
  fields: z
    .array(z.string())
    .describe(
      'paths of the fields the upgrade changes in that object where the API server objects, e.g. spec.volumeClaimTemplates[0].spec.resources.requests.storage (values never shown)',
    ),
  message: z.string().describe("the API server's own message"),
});
export type ClusterRefusal = z.infer<typeof clusterRefusalSchema>;

export const diffReleaseResponseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  /** The deployed revision the diff starts from. */
  fromRevision: z.number().int(),
  target: z.enum(['upgrade', 'rollback']),
  values: valuesDiffSchema,
  /** Unified diff of the rendered manifests; Secret data masked. Empty when unchanged. */
  manifestDiff: z.string(),
  changed: z.boolean(),
  /** Objects the API server would refuse to update (upgrades only); empty when the upgrade can go through. */
  refusals: z.array(clusterRefusalSchema).default([]),
});
export type DiffReleaseResponse = z.infer<typeof diffReleaseResponseSchema>;

// ---------------------------------------------------------------- inventory

/** GET /releases: optional filter; the namespace must be inside the fence. */
export const releaseListQuerySchema = z.strictObject({
  namespace: namespaceNameSchema.optional(),
});
export type ReleaseListQuery = z.infer<typeof releaseListQuerySchema>;

/** One helm release as `helm list` shows it (its latest revision). */
export const releaseSummarySchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  /** The chart's name, without its version ("woow-fixture-app"). */
  chart: z.string(),
  chartVersion: z.string(),
  appVersion: z.string(),
  status: helmReleaseStatusSchema,
  revision: z.number().int(),
  /** ISO 8601 */
  updated: z.string(),
});
export type ReleaseSummary = z.infer<typeof releaseSummarySchema>;

export const releaseListResponseSchema = z.object({
  items: z.array(releaseSummarySchema),
  /**
   * Workspace namespaces whose releases could not be read (no deployer
   * ServiceAccount yet: made outside the operator), with the reason.
   */
  unreadableNamespaces: z.array(
    z.object({ namespace: z.string(), reason: z.string() }),
  ),
});
export type ReleaseListResponse = z.infer<typeof releaseListResponseSchema>;

/** GET /releases/{ns}/{name}/values: the user-supplied values of the deployed revision. */
export const releaseValuesResponseSchema = z.object({
  namespace: z.string(),
  releaseName: z.string(),
  revision: z.number().int(),
  values: z.record(z.string(), z.unknown()),
});
export type ReleaseValuesResponse = z.infer<typeof releaseValuesResponseSchema>;

// ---------------------------------------------------------------- health

/** One of the operator's watch caches (informers): synced or not, and its last failure. */
export const informerHealthSchema = z.object({
  /** What it watches, e.g. `helm release secrets`, `pods`. */
  name: z.string(),
  /** Listed and watching; false while a failed list or watch is being restarted. */
  synced: z.boolean(),
  /** How many times it was restarted after a failure. */
  restarts: z.number().int(),
  /** The last failure's message, until the next successful (re)start. */
  lastError: z.string().optional(),
});
export type InformerHealth = z.infer<typeof informerHealthSchema>;

export const operatorHealthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  helm: z.object({ version: z.string(), major: z.number().int() }),
  cluster: z.object({
    reachable: z.boolean(),
    version: z.string().optional(),
    message: z.string().optional(),
  }),
  /** The operator's informers; `status` is degraded while one is not synced. */
  informers: z.array(informerHealthSchema).optional(),
});
export type OperatorHealthResponse = z.infer<
  typeof operatorHealthResponseSchema
>;

// ---------------------------------------------------------------- errors

/** Body of every error response (Backstage's ErrorResponseBody). */
export const operatorErrorResponseSchema = z.object({
  error: z.object({ name: z.string(), message: z.string() }).passthrough(),
  request: z.object({ method: z.string(), url: z.string() }).optional(),
  response: z.object({ statusCode: z.number().int() }),
});
export type OperatorErrorResponse = z.infer<typeof operatorErrorResponseSchema>;
