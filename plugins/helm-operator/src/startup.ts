import { LoggerService } from '@backstage/backend-plugin-api';
import {
  BackupServices,
  createBackupServices,
} from './backup/createBackupServices';
import { OperatorOptions } from './config';
import { ChartVersions } from './helm/ChartVersions';
import { IngressTls } from './kube/tls/IngressTls';
import { TlsOptions } from './kube/tls/tlsOptions';
import { NamespaceChanges } from './cache/NamespaceChanges';
import { OperatorInformers } from './cache/OperatorInformers';
import { Fence } from './fence';
import { ChartResolver } from './helm/ChartResolver';
import { HelmCli } from './helm/HelmCli';
import { HelmReleases } from './helm/HelmReleases';
import { ManifestPolicy } from './helm/ManifestPolicy';
import { ManifestCheckServer } from './helm/postrender/ManifestCheckServer';
import {
  DEPLOYER_ROLE_BINDING,
  DEPLOYER_SERVICE_ACCOUNT,
  NETWORK_POLICY_NAME,
} from './kube/deployer';
import { IngressManager } from './kube/IngressManager';
import { createKubeClients, KubeClients } from './kube/KubeClients';
import { UpdateDryRun } from './kube/UpdateDryRun';
import { NamespaceManager } from './kube/NamespaceManager';
import { QuotaUsageReader } from './kube/QuotaUsageReader';
import { ensureDeployerRole } from './kube/DeployerRole';
import { ReleaseLocks } from './kube/ReleaseLocks';
import { ReleaseLogs } from './kube/ReleaseLogs';
import { ReleaseRecords } from './kube/ReleaseRecords';
import { ReleaseVolumes } from './kube/ReleaseVolumes';
import { LIMIT_RANGE_NAME, QUOTA_NAME } from './kube/labels';
import { WorkloadStatusReader } from './kube/WorkloadStatusReader';
import { sanitizeMessage } from './sanitize';
import { checkCluster, OperatorHealth } from './service/OperatorHealth';
import { ReleaseInventory } from './service/ReleaseInventory';
import { ReleaseQueries } from './service/ReleaseQueries';
import { MutationQueue } from './service/MutationQueue';
import { ReleaseService } from './service/ReleaseService';

export interface Operator {
  fence: Fence;
  namespaces: NamespaceManager;
  quotas: QuotaUsageReader;
  releases: ReleaseService;
  queries: ReleaseQueries;
  logs: ReleaseLogs;
  inventory: ReleaseInventory;
  health: OperatorHealth;
  /** The watch caches reads come from; stop them on shutdown. */
  informers: OperatorInformers;
  /** The namespaces the informers saw change (GET /changes). */
  changes: NamespaceChanges;
  /** Certificates of the Ingresses (helmOperator.tls); stop its watch on shutdown. */
  tls: IngressTls;
  /** The manifest check's socket (helm 4's post-renderer); close it on shutdown. */
  manifestChecks?: ManifestCheckServer;
  /** Backups and restores (helmOperator.backups); absent when not configured. */
  backupServices?: BackupServices;
}

function cannotStart(reason: string): Error {
  return new Error(`helm-operator cannot start: ${reason}`);
}

/**
 * Checks what the operator needs (a supported helm, the cluster) and builds
 * its services. Fails fast with one clear sentence: a backend that starts
 * without helm would only fail later, on a user's deploy.
 */
export async function startOperator(
  options: OperatorOptions & { tls?: TlsOptions },
  logger: LoggerService,
): Promise<Operator> {
  let helm: HelmCli;
  try {
    helm = await HelmCli.detect({
      binary: options.helmBinary,
      kubeconfigPath: options.kubeconfigPath,
      kubeContext: options.kubeContext,
      logger,
    });
  } catch (e) {
    throw cannotStart((e as Error).message);
  }
  let kube: KubeClients;
  // Writes inside workspace namespaces (records, leases, Ingresses, PVCs) go
  // as the namespace's deployer, so the operator's own role needs no
  // cluster-wide write on those kinds.
  let workspaceKube: KubeClients;
  try {
    kube = createKubeClients({
      kubeconfigPath: options.kubeconfigPath,
      context: options.kubeContext,
    });
    workspaceKube = createKubeClients({
      kubeconfigPath: options.kubeconfigPath,
      context: options.kubeContext,
      impersonateDeployerIn: options.namespacePrefix,
    });
  } catch (e) {
    throw cannotStart(
      `the Kubernetes configuration cannot be loaded: ${sanitizeMessage(
        (e as Error).message,
      )}`,
    );
  }
  const cluster = await checkCluster(kube);
  if (!cluster.reachable) {
    const reason = `the Kubernetes API server cannot be reached: ${cluster.message}`;
    if (options.failOnUnreachableCluster) throw cannotStart(reason);
    logger.warn(
      `${reason} (starting anyway: helmOperator.startup.failOnUnreachableCluster is false)`,
    );
  }
  logger.info(
    `helm-operator ready: helm ${helm.version.version}, cluster ${
      cluster.version ?? 'unreachable'
    }, namespaces ${options.namespacePrefix}*`,
  );

  if (cluster.reachable) await ensureDeployerRole(kube, logger);
  const policy = options.checkManifests
    ? new ManifestPolicy({
        deniedKinds: options.deniedKinds,
        deployerServiceAccount: DEPLOYER_SERVICE_ACCOUNT,
        reserved: [
          { kind: 'ServiceAccount', name: DEPLOYER_SERVICE_ACCOUNT },
          { kind: 'RoleBinding', name: DEPLOYER_ROLE_BINDING },
          { kind: 'NetworkPolicy', name: NETWORK_POLICY_NAME },
          { kind: 'ResourceQuota', name: QUOTA_NAME },
          { kind: 'LimitRange', name: LIMIT_RANGE_NAME },
        ],
      })
    : undefined;
  if (!policy) {
    logger.warn(
      'helmOperator.checkManifests is false: rendered manifests are not checked; only the API server (deployer impersonation) guards workspaces',
    );
  }
  // Checks run inside the one helm run where helm's post-renderer sees hooks
  // too (helm 4); helm 3 keeps the dry run before each mutation.
  const manifestChecks = helm.hasCheckingPostRenderer
    ? await ManifestCheckServer.start(logger)
    : undefined;
  const releasesCli = new HelmReleases(helm, {
    ...options,
    policy,
    manifestChecks,
  });
  const charts = new ChartResolver(
    options.localChartsDir,
    options.allowedChartSources,
  );
  const records = new ReleaseRecords(workspaceKube);

  const fence = new Fence(options.namespacePrefix);
  const dryRun = new UpdateDryRun(workspaceKube);
  const informers = new OperatorInformers(kube, {
    namespacePrefix: options.namespacePrefix,
    logger,
  });
  // The first list (or its failure: then the informers retry by themselves,
  // reads answer 503 until one succeeds and /health says why).
  await informers.start();
  const tls = new IngressTls(
    options.tls ?? { mode: 'none' },
    kube,
    workspaceKube,
    options.ingress.tlsSecretName,
  );
  // A renewed origin certificate reaches every copy.
  if (cluster.reachable) await tls.copies?.startWatching(logger);
  const ingresses = new IngressManager(
    workspaceKube,
    options.ingress,
    informers.ingresses,
    tls,
  );
  return {
    informers,
    changes: informers.changes,
    tls,
    manifestChecks,
    fence,
    namespaces: new NamespaceManager(kube, options),
    quotas: new QuotaUsageReader(kube),
    releases: new ReleaseService({
      helm: releasesCli,
      cache: informers.releases,
      queue: new MutationQueue({
        maxConcurrent: options.maxConcurrentMutations,
        maxQueued: options.maxQueuedMutations,
      }),
      charts,
      records,
      ingresses,
      locks: new ReleaseLocks(workspaceKube, logger),
      volumes: new ReleaseVolumes(workspaceKube),
      dryRun,
      timeouts: options.timeouts,
      logger,
    }),
    queries: new ReleaseQueries({
      helm: releasesCli,
      releases: informers.releases,
      charts,
      records,
      ingresses,
      workloads: new WorkloadStatusReader(informers.workloads),
      dryRun,
      chartVersions: new ChartVersions({
        localChartsDir: options.localChartsDir,
        allowList: options.allowedChartSources,
      }),
      tlsMode: tls.options.mode,
    }),
    logs: new ReleaseLogs(workspaceKube, logger),
    inventory: new ReleaseInventory({
      kube,
      helm: releasesCli,
      fence,
      logger,
      releases: informers.releases,
    }),
    health: new OperatorHealth(helm, kube, () => informers.health()),
    backupServices: createBackupServices({
      options: options.backups,
      workspaceKube,
      releases: informers.releases,
      logger,
    }),
  };
}
