import { Config } from '@backstage/config';
import os from 'node:os';
import {
  ChartSourceAllowList,
  DEFAULT_ALLOWED_CHART_SOURCES,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_NAMESPACE_PREFIX,
  readBaseDomain,
  WorkspaceQuota,
  workspaceQuotaSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { BackupOptions, readBackupOptions } from './backup/backupOptions';
import { DEFAULT_DENIED_KINDS } from './helm/ManifestPolicy';

/** The operations with their own time limit (helmOperator.timeouts.*). */
export type OperationKind =
  | 'install'
  | 'upgrade'
  | 'rollback'
  | 'uninstall'
  | 'diff'
  | 'read';

export interface LimitRangeDefaults {
  defaultRequestCpu: string;
  defaultRequestMemory: string;
  defaultLimitCpu: string;
  defaultLimitMemory: string;
}

export interface IngressOptions {
  className: string;
  tlsSecretName: string;
  baseDomain: string;
}

/** Pod Security Admission levels of workspace namespaces (helmOperator.podSecurity). */
export interface PodSecurityOptions {
  enforce: 'baseline' | 'restricted';
  warn: 'baseline' | 'restricted';
  audit: 'baseline' | 'restricted';
}

/** The default NetworkPolicy of workspace namespaces (helmOperator.networkPolicy). */
export interface NetworkPolicyOptions {
  enabled: boolean;
  /** Namespaces (by name) whose pods may reach workspace pods: ingress controller, monitoring. */
  allowFromNamespaces: string[];
  /** Further namespaces, each selected by all the labels of one entry. */
  allowFromNamespaceLabels: Record<string, string>[];
}

/** helmOperator.* with every default applied (documented in config.d.ts and the README). */
export interface OperatorOptions {
  helmBinary: string;
  kubeconfigPath?: string;
  kubeContext?: string;
  namespacePrefix: string;
  localChartsDir?: string;
  /** Where charts may come from (helmOperator.allowedChartSources). */
  allowedChartSources: ChartSourceAllowList;
  /** Request bodies: size limit (413) and JSON depth (400). */
  http: { maxBodySize: number | string; maxJsonDepth: number };
  historyMax: number;
  /** helm mutations running at once in this replica (helmOperator.maxConcurrentMutations). */
  maxConcurrentMutations: number;
  /** Mutations waiting for a slot; beyond, 503 with Retry-After (helmOperator.maxQueuedMutations). */
  maxQueuedMutations: number;
  waitForReady: boolean;
  rollbackOnFailure: boolean;
  quotaDefaults: WorkspaceQuota;
  quotaMaxima: WorkspaceQuota;
  limitRange: LimitRangeDefaults;
  ingress: IngressOptions;
  timeouts: Record<OperationKind, number>;
  failOnUnreachableCluster: boolean;
  /** Check rendered manifests and hooks before install, upgrade and rollback. */
  checkManifests: boolean;
  deniedKinds: string[];
  podSecurity: PodSecurityOptions;
  networkPolicy: NetworkPolicyOptions;
  /** Backups of releases' volumes (helmOperator.backups); absent: the backup routes answer 501. */
  backups?: BackupOptions;
}

/** The spec's ResourceQuota. */
const QUOTA_DEFAULTS: WorkspaceQuota = {
  requestsCpu: '8',
  requestsMemory: '16Gi',
  limitsCpu: '16',
  limitsMemory: '32Gi',
  persistentVolumeClaims: 10,
  requestsStorage: '100Gi',
};

const QUOTA_MAXIMA: WorkspaceQuota = {
  requestsCpu: '32',
  requestsMemory: '64Gi',
  limitsCpu: '64',
  limitsMemory: '128Gi',
  persistentVolumeClaims: 50,
  requestsStorage: '1Ti',
};

const TIMEOUT_DEFAULTS: Record<OperationKind, number> = {
  install: 300,
  upgrade: 300,
  rollback: 300,
  uninstall: 300,
  diff: 120,
  read: 30,
};

function readQuota(
  config: Config | undefined,
  key: string,
  fallback: WorkspaceQuota,
): WorkspaceQuota {
  const given = config?.getOptional<Record<string, unknown>>(key) ?? {};
  // YAML reads `requestsCpu: 8` as a number; quantities are strings.
  const asQuantities = Object.fromEntries(
    Object.entries(given).map(([k, v]) => [
      k,
      typeof v === 'number' && k !== 'persistentVolumeClaims' ? String(v) : v,
    ]),
  );
  const merged = { ...fallback, ...asQuantities };
  const parsed = workspaceQuotaSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid config helmOperator.${key}.${issue.path.join('.')}: ${
        issue.message
      }`,
    );
  }
  return parsed.data;
}

function positiveSeconds(config: Config | undefined, key: OperationKind) {
  const value = config?.getOptionalNumber(key) ?? TIMEOUT_DEFAULTS[key];
  if (!(value > 0)) {
    throw new Error(
      `Invalid config helmOperator.timeouts.${key}: must be > 0 seconds`,
    );
  }
  return value;
}

function podSecurityLevel(
  config: Config | undefined,
  key: keyof PodSecurityOptions,
  fallback: PodSecurityOptions[typeof key],
): PodSecurityOptions[typeof key] {
  const value = config?.getOptionalString(key) ?? fallback;
  if (value !== 'baseline' && value !== 'restricted') {
    throw new Error(
      `Invalid config helmOperator.podSecurity.${key} "${value}": baseline or restricted`,
    );
  }
  return value;
}

function readHttpLimits(config: Config | undefined) {
  const maxJsonDepth =
    config?.getOptionalNumber('maxJsonDepth') ?? DEFAULT_MAX_JSON_DEPTH;
  if (!Number.isInteger(maxJsonDepth) || maxJsonDepth < 2) {
    throw new Error(
      'Invalid config helmOperator.http.maxJsonDepth: an integer >= 2',
    );
  }
  return {
    maxBodySize: config?.getOptional<number | string>('maxBodySize') ?? '1mb',
    maxJsonDepth,
  };
}

/** Memory a helm mutation may take (helm 4 rendering a large chart peaks near this). */
const MEMORY_PER_MUTATION = 256 * 1024 * 1024;

/**
 * The default of helmOperator.maxConcurrentMutations: half of the memory this
 * process may use (its cgroup limit in a container, else the machine's) at
 * 256 MiB per helm process, between 1 and 16.
 */
export function defaultMaxConcurrentMutations(
  memoryBytes = process.constrainedMemory?.() || os.totalmem(),
): number {
  const usable = Math.min(memoryBytes, os.totalmem()) / 2;
  return Math.min(16, Math.max(1, Math.floor(usable / MEMORY_PER_MUTATION)));
}

function positiveInteger(
  config: Config | undefined,
  key: string,
  fallback: number,
  min: number,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Invalid config helmOperator.${key}: an integer >= ${min}`);
  }
  return value;
}

export function readOperatorOptions(root: Config): OperatorOptions {
  const config = root.getOptionalConfig('helmOperator');
  const namespacePrefix =
    config?.getOptionalString('namespacePrefix') ?? DEFAULT_NAMESPACE_PREFIX;
  // The prefix is the fence: an empty or odd one would open every namespace.
  if (!/^[a-z0-9][a-z0-9-]*-$/.test(namespacePrefix)) {
    throw new Error(
      `Invalid config helmOperator.namespacePrefix "${namespacePrefix}": lower-case letters, digits and "-", ending with "-"`,
    );
  }
  const historyMax = config?.getOptionalNumber('historyMax') ?? 10;
  if (!Number.isInteger(historyMax) || historyMax < 1) {
    throw new Error('Invalid config helmOperator.historyMax: an integer >= 1');
  }
  const lr = config?.getOptionalConfig('limitRange');
  const ing = config?.getOptionalConfig('ingress');
  const timeouts = config?.getOptionalConfig('timeouts');
  const quota = config?.getOptionalConfig('quota');
  const psa = config?.getOptionalConfig('podSecurity');
  const netpol = config?.getOptionalConfig('networkPolicy');
  return {
    helmBinary: config?.getOptionalString('helmBinary') ?? 'helm',
    kubeconfigPath: config?.getOptionalString('kubernetes.kubeconfigPath'),
    kubeContext: config?.getOptionalString('kubernetes.context'),
    namespacePrefix,
    localChartsDir: config?.getOptionalString('localChartsDir'),
    allowedChartSources: ChartSourceAllowList.fromEntries(
      config?.getOptionalStringArray('allowedChartSources') ??
        DEFAULT_ALLOWED_CHART_SOURCES,
      'helmOperator.allowedChartSources',
    ),
    http: readHttpLimits(config?.getOptionalConfig('http')),
    historyMax,
    maxConcurrentMutations: positiveInteger(
      config,
      'maxConcurrentMutations',
      defaultMaxConcurrentMutations(),
      1,
    ),
    maxQueuedMutations: positiveInteger(config, 'maxQueuedMutations', 200, 0),
    waitForReady: config?.getOptionalBoolean('waitForReady') ?? false,
    rollbackOnFailure: config?.getOptionalBoolean('rollbackOnFailure') ?? false,
    quotaDefaults: readQuota(quota, 'defaults', QUOTA_DEFAULTS),
    quotaMaxima: readQuota(quota, 'maxima', QUOTA_MAXIMA),
    limitRange: {
      defaultRequestCpu: lr?.getOptionalString('defaultRequestCpu') ?? '100m',
      defaultRequestMemory:
        lr?.getOptionalString('defaultRequestMemory') ?? '128Mi',
      defaultLimitCpu: lr?.getOptionalString('defaultLimitCpu') ?? '500m',
      defaultLimitMemory:
        lr?.getOptionalString('defaultLimitMemory') ?? '512Mi',
    },
    ingress: {
      className: ing?.getOptionalString('className') ?? 'traefik',
      // Required: which certificate a deployment serves is its own choice.
      // (getString's error names helmOperator.ingress.tlsSecretName.)
      tlsSecretName: root.getString('helmOperator.ingress.tlsSecretName'),
      baseDomain: readBaseDomain(root),
    },
    timeouts: {
      install: positiveSeconds(timeouts, 'install'),
      upgrade: positiveSeconds(timeouts, 'upgrade'),
      rollback: positiveSeconds(timeouts, 'rollback'),
      uninstall: positiveSeconds(timeouts, 'uninstall'),
      diff: positiveSeconds(timeouts, 'diff'),
      read: positiveSeconds(timeouts, 'read'),
    },
    failOnUnreachableCluster:
      config?.getOptionalBoolean('startup.failOnUnreachableCluster') ?? true,
    checkManifests: config?.getOptionalBoolean('checkManifests') ?? true,
    deniedKinds: config?.getOptionalStringArray('deniedKinds') ?? [
      ...DEFAULT_DENIED_KINDS,
    ],
    podSecurity: {
      enforce: podSecurityLevel(psa, 'enforce', 'baseline'),
      warn: podSecurityLevel(psa, 'warn', 'restricted'),
      audit: podSecurityLevel(psa, 'audit', 'restricted'),
    },
    networkPolicy: {
      enabled: netpol?.getOptionalBoolean('enabled') ?? true,
      allowFromNamespaces: netpol?.getOptionalStringArray(
        'allowFromNamespaces',
      ) ?? ['kube-system', 'traefik', 'monitoring'],
      allowFromNamespaceLabels: (
        netpol?.getOptionalConfigArray('allowFromNamespaceLabels') ?? []
      ).map(c => Object.fromEntries(c.keys().map(k => [k, c.getString(k)]))),
    },
    backups: readBackupOptions(config?.getOptionalConfig('backups')),
  };
}
