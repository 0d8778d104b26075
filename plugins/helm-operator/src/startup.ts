import { LoggerService } from '@backstage/backend-plugin-api';
import { OperatorOptions } from './config';
import { Fence } from './fence';
import { ChartResolver } from './helm/ChartResolver';
import { HelmCli } from './helm/HelmCli';
import { HelmReleases } from './helm/HelmReleases';
import { IngressManager } from './kube/IngressManager';
import { createKubeClients, KubeClients } from './kube/KubeClients';
import { NamespaceManager } from './kube/NamespaceManager';
import { ReleaseLocks } from './kube/ReleaseLocks';
import { ReleaseRecords } from './kube/ReleaseRecords';
import { ReleaseVolumes } from './kube/ReleaseVolumes';
import { WorkloadStatusReader } from './kube/WorkloadStatusReader';
import { sanitizeMessage } from './sanitize';
import { checkCluster, OperatorHealth } from './service/OperatorHealth';
import { ReleaseQueries } from './service/ReleaseQueries';
import { ReleaseService } from './service/ReleaseService';

export interface Operator {
  fence: Fence;
  namespaces: NamespaceManager;
  releases: ReleaseService;
  queries: ReleaseQueries;
  health: OperatorHealth;
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
  options: OperatorOptions,
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
  try {
    kube = createKubeClients({
      kubeconfigPath: options.kubeconfigPath,
      context: options.kubeContext,
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

  const releasesCli = new HelmReleases(helm, options);
  const charts = new ChartResolver(options.localChartsDir);
  const records = new ReleaseRecords(kube);
  const ingresses = new IngressManager(kube, options.ingress);
  return {
    fence: new Fence(options.namespacePrefix),
    namespaces: new NamespaceManager(kube, options),
    releases: new ReleaseService({
      helm: releasesCli,
      charts,
      records,
      ingresses,
      locks: new ReleaseLocks(kube, logger),
      volumes: new ReleaseVolumes(kube),
      timeouts: options.timeouts,
      logger,
    }),
    queries: new ReleaseQueries({
      helm: releasesCli,
      charts,
      records,
      ingresses,
      workloads: new WorkloadStatusReader(kube),
    }),
    health: new OperatorHealth(helm, kube),
  };
}
