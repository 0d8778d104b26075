import { z } from 'zod';
import {
  customDomainSchema,
  customDomainVerificationSchema,
} from './customDomain';
import { dnsLabelSchema } from './names';
import {
  clusterRefusalSchema,
  releaseStatusResponseSchema,
  releaseVolumesResponseSchema,
} from './operator';
import { refuseForbiddenKeys } from '../safety/inputKeys';
import { userValuesSchema } from './valueSpec';

/**
 * Service states: the spec's six, plus `rolling_back` so the UI can be
 * honest while a rollback runs, and `restoring` while a backup is written
 * back into its volumes (its workloads are scaled to zero meanwhile).
 */
export const serviceStateSchema = z.enum([
  'pending',
  'deploying',
  'running',
  'error',
  'upgrading',
  'rolling_back',
  'restoring',
  'deleting',
]);
export type ServiceState = z.infer<typeof serviceStateSchema>;

/** States that settle by themselves: the UI polls while a service is in one. */
export const TRANSITIONAL_STATES: ReadonlySet<ServiceState> = new Set([
  'pending',
  'deploying',
  'upgrading',
  'rolling_back',
  'restoring',
  'deleting',
]);

/** Subdomains that no service may take. */
export const RESERVED_SUBDOMAINS: ReadonlySet<string> = new Set([
  'www',
  'api',
  'app',
  'admin',
  'mail',
  'smtp',
  'ftp',
  'ns1',
  'ns2',
  'dns',
  'portal',
  'backstage',
  'status',
  'docs',
  'auth',
  'login',
  'cdn',
  'static',
  'grafana',
  'prometheus',
  'traefik',
  'dashboard',
  'kubernetes',
  'k8s',
  'operator',
  'paas',
]);

export const subdomainSchema = dnsLabelSchema.refine(
  v => !RESERVED_SUBDOMAINS.has(v),
  'is reserved',
);

export const serviceNameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(80, 'must be at most 80 characters');

/** The spec's CloudService as the API returns it (secrets masked). */
export const cloudServiceSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  templateId: z.string(),
  templateSlug: z.string(),
  name: z.string(),
  referenceId: z.string(),
  deploymentId: z.string(),
  state: serviceStateSchema,
  /** Why the service is in `error`, and what to do. */
  errorMessage: z.string().nullable(),
  /** What the service is doing now, in words (e.g. "1/2 pods ready"). */
  statusDetail: z.string().nullable(),
  /** `{subdomain}.{baseDomain}` is the public URL; '' for apps without a web UI. */
  subdomain: z.string(),
  /** The custom domain asked for; served only once verification says so. */
  customDomain: z.string().nullable(),
  /** Whether the custom domain is proven and served; null without one. */
  customDomainVerification: customDomainVerificationSchema.nullable(),
  /** Whether the app has a web UI (its template's ingressEnabled). */
  webUi: z.boolean(),
  /** Where the web UI answers; null for apps without one (databases...). */
  publicUrl: z.string().nullable(),
  internalPort: z.number().int(),
  helmReleaseName: z.string(),
  helmNamespace: z.string(),
  /** User values (flat, dotted keys); password values appear as `{ isSet: true }`. */
  helmValues: z.record(
    z.string(),
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.object({ isSet: z.boolean() }),
    ]),
  ),
  helmRevision: z.number().int(),
  helmChartVersion: z.string(),
  allocatedVcpu: z.number(),
  allocatedRamGb: z.number(),
  allocatedStorageGb: z.number(),
  /** The template plan it runs with; null when deployed without one (before plans). */
  plan: z.string().nullable().default(null),
  createdBy: z.string(),
  createdAt: z.string(),
  deployedAt: z.string().nullable(),
  lastUpgradedAt: z.string().nullable(),
  /** Optimistic-locking version: send it back on every write. */
  version: z.number().int(),
});
export type CloudService = z.infer<typeof cloudServiceSchema>;

export const createServiceRequestSchema = z.object({
  templateId: z.string().min(1, 'is required'),
  name: serviceNameSchema,
  /** Required for apps with a web UI; refused for the others (launchSubdomainProblem). */
  subdomain: subdomainSchema.optional(),
  /** Optional explicit reference ID; generated when absent, immutable after. */
  referenceId: dnsLabelSchema.max(24).optional(),
  /** A plan id of the template; its default plan when absent. */
  plan: z.string().min(1).max(60).optional(),
  helmValues: userValuesSchema.default({}),
});
export type CreateServiceRequest = z.input<typeof createServiceRequestSchema>;

/**
 * PATCH: any of name (no helm), custom domain (Ingress update), values and/or
 * chart version (helm upgrade). `version` is the row version the caller read
 * (or send `If-Match`). Values sent replace the user values they name;
 * values not sent keep their current value; `null` resets one to its default.
 */
export const updateServiceRequestSchema = z.object({
  version: z.number().int().optional(),
  name: serviceNameSchema.optional(),
  customDomain: customDomainSchema.nullable().optional(),
  helmValues: z
    .record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.null()]),
    )
    .superRefine(refuseForbiddenKeys)
    .optional(),
  chartVersion: z.string().min(1).max(60).optional(),
  /** Another plan of the template: a helm upgrade with that plan's values. */
  plan: z.string().min(1).max(60).optional(),
});
export type UpdateServiceRequest = z.infer<typeof updateServiceRequestSchema>;

/** A "true"/"false" query parameter, as a boolean. */
const queryFlag = (byDefault: boolean) =>
  z
    .enum(['true', 'false'])
    .default(byDefault ? 'true' : 'false')
    .transform(v => v === 'true');

export const deleteServiceQuerySchema = z.object({
  deleteData: queryFlag(false),
  /** false: the service's backups are deleted too, once the uninstall is accepted. */
  keepBackups: queryFlag(true),
  version: z.coerce.number().int().optional(),
});

export const rollbackRequestSchema = z.object({
  revision: z.number().int().min(1),
  version: z.number().int().optional(),
});
export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;

export const revisionSchema = z.object({
  revision: z.number().int(),
  status: z.string(),
  chart: z.string(),
  appVersion: z.string(),
  updated: z.string(),
  description: z.string(),
});
export type Revision = z.infer<typeof revisionSchema>;

export const subdomainAvailabilitySchema = z.object({
  subdomain: z.string(),
  available: z.boolean(),
  /** Why not, when not available ("is reserved", "is taken", a format rule). */
  reason: z.string().optional(),
  fqdn: z.string(),
});
export type SubdomainAvailability = z.infer<typeof subdomainAvailabilitySchema>;

/** Upgrade preview: what a PATCH with these values would change. */
export const upgradePreviewSchema = z.object({
  values: z.array(
    z.object({
      key: z.string(),
      change: z.enum(['added', 'removed', 'changed']),
      from: z.unknown().optional(),
      to: z.unknown().optional(),
    }),
  ),
  manifestDiff: z.string(),
  /** Values of the old chart version's specs that the new one no longer has. */
  droppedValues: z.array(z.string()).default([]),
  /**
   * Objects the cluster would refuse to update (the API server's dry run as
   * the workspace's deployer): with any, the upgrade cannot be confirmed.
   */
  refusals: z.array(clusterRefusalSchema).default([]),
});
export type UpgradePreview = z.infer<typeof upgradePreviewSchema>;

/** GET /workspaces/:workspaceId/services response. */
export const serviceListResponseSchema = z.object({
  items: z.array(cloudServiceSchema),
});
export type ServiceListResponse = z.infer<typeof serviceListResponseSchema>;

/**
 * PATCH response: the service after the change, plus the stored values that
 * the template's value specs no longer declare (they were not sent to helm).
 */
export const updateServiceResponseSchema = cloudServiceSchema.extend({
  droppedValues: z.array(z.string()).default([]),
});
export type UpdateServiceResponse = z.infer<typeof updateServiceResponseSchema>;

/** GET .../revisions response (helm history, newest first). */
export const revisionListResponseSchema = z.object({
  items: z.array(revisionSchema),
  currentRevision: z.number().int(),
});
export type RevisionListResponse = z.infer<typeof revisionListResponseSchema>;

/** POST .../preview body: what a PATCH would send to helm. */
export const upgradePreviewRequestSchema = updateServiceRequestSchema.pick({
  helmValues: true,
  chartVersion: true,
  plan: true,
});
export type UpgradePreviewRequest = z.infer<typeof upgradePreviewRequestSchema>;

/** GET .../status: live workload status from the operator, for the Overview. */
export const serviceLiveStatusSchema = z.object({
  serviceId: z.string(),
  state: serviceStateSchema,
  /** ONLINE in the Overview: the release's workloads are all ready. */
  online: z.boolean(),
  /** null when the release does not exist (not installed yet, or removed). */
  release: releaseStatusResponseSchema.nullable(),
  message: z.string(),
});
export type ServiceLiveStatus = z.infer<typeof serviceLiveStatusSchema>;

/**
 * GET .../services/:id/volumes: what deleting the service does to its data,
 * read from the release's manifest (the operator's GET .../volumes).
 */
export const serviceVolumesSchema = releaseVolumesResponseSchema
  .pick({
    survivingUninstall: true,
    deletedByUninstall: true,
    keepDataPossible: true,
  })
  .extend({ serviceId: z.string() });
export type ServiceVolumes = z.infer<typeof serviceVolumesSchema>;

/** GET /config: what the frontend needs to know about this installation. */
export const cloudServicesConfigSchema = z.object({
  /** Services are reachable at `{subdomain}.{baseDomain}`. */
  baseDomain: z.string(),
  /** What a custom domain's CNAME record points to, e.g. `{subdomain}.woowtech.com`. */
  cnameTarget: z.string(),
  /** Whether GET .../metrics is backed by a Prometheus. */
  metricsEnabled: z.boolean(),
});
export type CloudServicesConfig = z.infer<typeof cloudServicesConfigSchema>;
