import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { Log, V1Pod } from '@kubernetes/client-node';
import {
  PodLogsQuery,
  ReleasePod,
  ReleasePodsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { Writable } from 'node:stream';
import { FencedRelease } from '../fence';
import { KubeClients, streamingConfigFor } from './KubeClients';
import { kubeErrorToSafe } from './kubeErrors';
import { INSTANCE_LABEL } from './labels';

function describePod(pod: V1Pod): ReleasePod {
  return {
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    createdAt: pod.metadata?.creationTimestamp
      ? new Date(pod.metadata.creationTimestamp).toISOString()
      : undefined,
    containers: [
      ...(pod.spec?.initContainers ?? []).map(c => ({
        name: c.name,
        init: true,
      })),
      ...(pod.spec?.containers ?? []).map(c => ({ name: c.name, init: false })),
    ],
  };
}

/** What a started log stream gives its caller: a way to stop it. */
export interface LogStream {
  /** Aborts the request to the API server (idempotent). */
  stop(): void;
}

/**
 * The pods of a release and their container logs. A release's pods are the
 * pods of its namespace labelled `app.kubernetes.io/instance=<release>` (the
 * label helm charts, the fixture chart included, put on their pod templates);
 * a log is only read from such a pod, so a caller fenced to one release
 * cannot read another release's pods. Reads go through the namespace's
 * deployer (read-only pods/log), like every other request inside it.
 */
export class ReleaseLogs {
  constructor(
    private readonly kube: KubeClients,
    private readonly logger: LoggerService,
  ) {}

  async pods(ref: FencedRelease): Promise<ReleasePodsResponse> {
    const list = await this.kube.core
      .listNamespacedPod({
        namespace: ref.namespace,
        labelSelector: `${INSTANCE_LABEL}=${ref.releaseName}`,
      })
      .catch(e => Promise.reject(kubeErrorToSafe(e, 'Listing pods')));
    const pods = list.items.map(describePod);
    pods.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
    return { pods };
  }

  /**
   * Checks the pod and container, then pipes the container's log into `out`
   * (ended when the API server ends the log; with follow, only by stop()).
   * Throws, before anything is written, when the pod is not the release's,
   * the container is not the pod's, or the API server refuses.
   */
  async stream(
    ref: FencedRelease,
    query: PodLogsQuery,
    out: Writable,
  ): Promise<LogStream> {
    const pod = await this.releasePod(ref, query.pod);
    const containers = describePod(pod).containers;
    const container = query.container ?? this.defaultContainer(pod);
    if (!container || !containers.some(c => c.name === container)) {
      throw new InputError(
        `Invalid request: container: pod "${query.pod}" has no container "${
          query.container
        }" (it has ${containers.map(c => `"${c.name}"`).join(', ')})`,
      );
    }
    let stopped = false;
    // client-node pipes the response body into `out`; an abort (or a broken
    // connection) is then an 'error' on that body, which must have a listener.
    out.once('pipe', (body: NodeJS.ReadableStream) => {
      body.on('error', error => {
        if (stopped) return;
        this.logger.warn('Log stream broke off', {
          namespace: ref.namespace,
          pod: query.pod,
          error: String(error),
        });
        out.end();
      });
    });
    const log = new Log(streamingConfigFor(this.kube, ref.namespace));
    const controller = await log
      .log(ref.namespace, query.pod, container, out, {
        follow: query.follow ?? false,
        tailLines: query.tailLines,
        sinceSeconds: query.sinceSeconds,
        timestamps: query.timestamps ?? false,
      })
      .catch(e =>
        Promise.reject(
          kubeErrorToSafe(
            e,
            `Reading the log of container "${container}" of pod "${query.pod}"`,
          ),
        ),
      );
    this.logger.debug('Log stream started', {
      namespace: ref.namespace,
      release: ref.releaseName,
      pod: query.pod,
      container,
      follow: String(query.follow ?? false),
    });
    return {
      stop: () => {
        if (stopped) return;
        stopped = true;
        controller.abort();
      },
    };
  }

  private async releasePod(ref: FencedRelease, name: string): Promise<V1Pod> {
    const notOurs = new NotFoundError(
      `Pod "${name}" is not a pod of release "${ref.releaseName}" in namespace "${ref.namespace}"`,
    );
    const pod = await this.kube.core
      .readNamespacedPod({ namespace: ref.namespace, name })
      .catch(e => {
        const safe = kubeErrorToSafe(e, `Reading pod "${name}"`);
        return Promise.reject(safe.name === 'NotFoundError' ? notOurs : safe);
      });
    if (pod.metadata?.labels?.[INSTANCE_LABEL] !== ref.releaseName) {
      throw notOurs;
    }
    return pod;
  }

  private defaultContainer(pod: V1Pod): string | undefined {
    return (
      pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ??
      pod.spec?.containers?.[0]?.name
    );
  }
}
