import {
  AppsV1Api,
  BatchV1Api,
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  RbacAuthorizationV1Api,
  RequestContext,
  VersionApi,
} from '@kubernetes/client-node';
import { deployerUser, namespaceOfApiPath } from './deployer';
import { KeepAliveKubeConfig } from './KeepAliveKubeConfig';

/** The typed API clients the operator uses, all from one KubeConfig. */
export interface KubeClients {
  config: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  /** Backup, restore and forget Jobs. */
  batch: BatchV1Api;
  networking: NetworkingV1Api;
  coordination: CoordinationV1Api;
  rbac: RbacAuthorizationV1Api;
  version: VersionApi;
}

export interface KubeClientOptions {
  kubeconfigPath?: string;
  context?: string;
  /**
   * Requests inside a namespace with this prefix impersonate the namespace's
   * deployer ServiceAccount (see deployer.ts); cluster-wide requests keep the
   * operator's own identity.
   */
  impersonateDeployerIn?: string;
}

/**
 * A KubeConfig whose requests inside workspace namespaces impersonate the
 * namespace's deployer: the operator's own writes there (release records,
 * leases, Ingresses, PVC deletions) then need no cluster-wide rights.
 */
class DeployerImpersonatingConfig extends KeepAliveKubeConfig {
  constructor(readonly prefix: string) {
    super();
  }

  async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const namespace = namespaceOfApiPath(new URL(context.getUrl()).pathname);
    if (namespace?.startsWith(this.prefix)) {
      context.setHeaderParam('Impersonate-User', deployerUser(namespace));
    }
  }
}

/**
 * Loads the cluster credentials: the configured kubeconfig file, else
 * KubeConfig.loadFromDefault() (KUBECONFIG, ~/.kube/config, or the in-cluster
 * service account). helm is pointed at the same file (HelmCli globalArgs) or
 * finds the same default by itself.
 */
export function createKubeClients(opts: KubeClientOptions = {}): KubeClients {
  const config = opts.impersonateDeployerIn
    ? new DeployerImpersonatingConfig(opts.impersonateDeployerIn)
    : new KeepAliveKubeConfig();
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
    batch: config.makeApiClient(BatchV1Api),
    networking: config.makeApiClient(NetworkingV1Api),
    coordination: config.makeApiClient(CoordinationV1Api),
    rbac: config.makeApiClient(RbacAuthorizationV1Api),
    version: config.makeApiClient(VersionApi),
  };
}

/** A KubeConfig whose fetch options always carry one Impersonate-User. */
class ImpersonatingFetchConfig extends KubeConfig {
  constructor(private readonly user: string) {
    super();
  }

  async applyToFetchOptions(
    opts: Parameters<KubeConfig['applyToFetchOptions']>[0],
  ) {
    const out = await super.applyToFetchOptions(opts);
    (out.headers as unknown as { set(k: string, v: string): void }).set(
      'Impersonate-User',
      this.user,
    );
    return out;
  }
}

/**
 * The KubeConfig for client-node's raw streaming requests (`Log`), which
 * take fetch options rather than going through applySecurityAuthentication:
 * inside a workspace namespace they act as its deployer too.
 */
export function streamingConfigFor(
  kube: KubeClients,
  namespace: string,
): KubeConfig {
  const source = kube.config;
  if (
    !(source instanceof DeployerImpersonatingConfig) ||
    !namespace.startsWith(source.prefix)
  ) {
    return source;
  }
  const config = new ImpersonatingFetchConfig(deployerUser(namespace));
  config.loadFromOptions({
    clusters: source.clusters,
    users: source.users,
    contexts: source.contexts,
    currentContext: source.currentContext,
  });
  return config;
}
