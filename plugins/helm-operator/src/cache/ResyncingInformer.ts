import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ADD,
  CONNECT,
  DELETE,
  ERROR,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  ListWatch,
  UPDATE,
  Watch,
} from '@kubernetes/client-node';
import { InformerHealth } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { kubeMessage } from '../kube/kubeErrors';
import { sanitizeMessage } from '../sanitize';

export interface ResyncingInformerOptions<T extends KubernetesObject> {
  /** Shown in /health and the log: what this informer watches. */
  name: string;
  config: KubeConfig;
  /** The API path listed and watched, e.g. `/api/v1/pods`. */
  path: string;
  list: () => Promise<KubernetesListObject<T>>;
  labelSelector?: string;
  fieldSelector?: string;
  logger: LoggerService;
  /** Delay before the first restart after a failure, doubled up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

type Handler<T> = (obj: T) => void;

/**
 * One `@kubernetes/client-node` informer (list, then watch from the list's
 * resourceVersion) that does not stay down: client-node's ListWatch calls its
 * error handlers and stops when a list or watch fails; this restarts it
 * (from the last resourceVersion, so changes made meanwhile arrive; a relist
 * when that version is gone, HTTP 410), with a growing delay, and says in
 * `health()` whether it is synced and what failed last.
 *
 * (makeInformer builds the same ListWatch but takes no field selector.)
 */
export class ResyncingInformer<T extends KubernetesObject> {
  private readonly listWatch: ListWatch<T>;
  private synced = false;
  private everSynced = false;
  private failures = 0;
  private restarts = 0;
  private lastError?: string;
  private attemptFailed = false;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(private readonly opts: ResyncingInformerOptions<T>) {
    this.listWatch = new ListWatch<T>(
      opts.path,
      new Watch(opts.config),
      opts.list,
      false,
      opts.labelSelector,
      opts.fieldSelector,
    );
    this.listWatch.on(ERROR, err => this.failed(err));
  }

  get name(): string {
    return this.opts.name;
  }

  onAdd(handler: Handler<T>) {
    this.listWatch.on(ADD, handler);
  }

  onUpdate(handler: Handler<T>) {
    this.listWatch.on(UPDATE, handler);
  }

  onDelete(handler: Handler<T>) {
    this.listWatch.on(DELETE, handler);
  }

  /**
   * Called just before a (re)list: the first one, and each after the watch's
   * resourceVersion was gone (HTTP 410), when changes made meanwhile are
   * no longer delivered one by one. A watch resumed from its resourceVersion
   * misses nothing and does not call it.
   */
  onRelist(handler: () => void) {
    this.listWatch.on(CONNECT, () => {
      if (!this.listWatch.latestResourceVersion()) handler();
    });
  }

  /** Lists and starts watching; resolves when that attempt ended (synced or failed: see health()). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.attempt();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.listWatch.stop();
  }

  /** True once the first list arrived: the cache may be read (perhaps stale while the watch is down). */
  hasSynced(): boolean {
    return this.everSynced;
  }

  health(): InformerHealth {
    return {
      name: this.opts.name,
      synced: this.synced,
      restarts: this.restarts,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  get(name: string, namespace?: string): T | undefined {
    return this.listWatch.get(name, namespace);
  }

  list(namespace?: string): readonly T[] {
    return this.listWatch.list(namespace);
  }

  private async attempt() {
    this.attemptFailed = false;
    await this.listWatch.start();
    if (this.attemptFailed || this.stopped) return;
    this.synced = true;
    this.everSynced = true;
    this.failures = 0;
    this.lastError = undefined;
  }

  private failed(err: unknown) {
    this.attemptFailed = true;
    this.synced = false;
    this.failures += 1;
    this.lastError = sanitizeMessage(kubeMessage(err));
    if (this.stopped) return;
    const base = this.opts.retryDelayMs ?? 1000;
    const delay = Math.min(
      base * 2 ** Math.min(this.failures - 1, 16),
      this.opts.maxRetryDelayMs ?? 30_000,
    );
    this.opts.logger.warn(
      `Informer ${this.opts.name} failed; restarting in ${delay} ms: ${this.lastError}`,
    );
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.restarts += 1;
      this.attempt().catch(e => this.failed(e));
    }, delay);
  }
}
