import {
  InformerHealth,
  OperatorHealthResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { HelmCli } from '../helm/HelmCli';
import { KubeClients } from '../kube/KubeClients';
import { kubeMessage } from '../kube/kubeErrors';
import { sanitizeMessage } from '../sanitize';

export interface ClusterReachability {
  reachable: boolean;
  version?: string;
  message?: string;
}

/** GET /version of the API server, bounded in time (an unreachable address can hang for minutes). */
export async function checkCluster(
  kube: KubeClients,
  timeoutMs = 10_000,
): Promise<ClusterReachability> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs / 1000}s`)),
      timeoutMs,
    );
  });
  try {
    const info = await Promise.race([kube.version.getCode(), timeout]);
    return { reachable: true, version: info.gitVersion };
  } catch (e) {
    return { reachable: false, message: sanitizeMessage(kubeMessage(e)) };
  } finally {
    clearTimeout(timer);
  }
}

export class OperatorHealth {
  constructor(
    private readonly helm: HelmCli,
    private readonly kube: KubeClients,
    /** The watch caches' state (see OperatorInformers). */
    private readonly informers: () => InformerHealth[] = () => [],
  ) {}

  async check(): Promise<OperatorHealthResponse> {
    const cluster = await checkCluster(this.kube);
    const informers = this.informers();
    const ok = cluster.reachable && informers.every(i => i.synced);
    return {
      status: ok ? 'ok' : 'degraded',
      helm: { version: this.helm.version.version, major: this.helm.major },
      cluster,
      informers,
    };
  }
}
