import {
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  VersionApi,
} from '@kubernetes/client-node';

/** The typed API clients the operator uses, all from one KubeConfig. */
export interface KubeClients {
  config: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  networking: NetworkingV1Api;
  coordination: CoordinationV1Api;
  version: VersionApi;
}

export interface KubeClientOptions {
  kubeconfigPath?: string;
  context?: string;
}

/**
 * Loads the cluster credentials: the configured kubeconfig file, else
 * KubeConfig.loadFromDefault() (KUBECONFIG, ~/.kube/config, or the in-cluster
 * service account). helm is pointed at the same file (HelmCli globalArgs) or
 * finds the same default by itself.
 */
export function createKubeClients(opts: KubeClientOptions = {}): KubeClients {
  const config = new KubeConfig();
  if (opts.kubeconfigPath) {
    config.loadFromFile(opts.kubeconfigPath);
  } else {
    config.loadFromDefault();
  }
  if (opts.context) config.setCurrentContext(opts.context);
  return {
    config,
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    networking: config.makeApiClient(NetworkingV1Api),
    coordination: config.makeApiClient(CoordinationV1Api),
    version: config.makeApiClient(VersionApi),
  };
}
