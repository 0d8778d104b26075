import { LoggerService } from '@backstage/backend-plugin-api';
import { V1Ingress, V1Secret } from '@kubernetes/client-node';
import { ResyncingInformer } from '../../cache/ResyncingInformer';
import { KubeClients } from '../KubeClients';
import { isConflict, isNotFound, kubeErrorToSafe } from '../kubeErrors';
import { managedLabels, RELEASE_LABEL } from '../labels';
import { CertificateFacts, readCertificate } from './x509';

/** On every copy: which source it was made from, so a change of the source finds them all. */
export const COPY_OF_LABEL = 'woow.cloud/tls-copy-of';
/** The source's resourceVersion the copy holds. */
const SOURCE_VERSION = 'woow.cloud/tls-source-version';

export interface OriginSource {
  secretNamespace: string;
  secretName: string;
}

export interface SourceCertificate {
  secret: V1Secret;
  facts: CertificateFacts;
}

/** `<release>-origin-tls`: one copy per release, owned by its Ingress. */
export function originCopyName(releaseName: string): string {
  return `${releaseName}-origin-tls`;
}

/**
 * The shared origin certificate (a kubernetes.io/tls Secret outside the
 * workspaces) copied into a workspace namespace for an Ingress to use: an
 * Ingress can only name a Secret of its own namespace. Each copy is owned by
 * its release's Ingress (the garbage collector removes it with the Ingress)
 * and labelled with its source, so that a renewed source reaches every copy.
 * The source is read with the operator's own identity, copies are written as
 * the namespace's deployer.
 */
export class OriginCertificateCopies {
  private watch?: ResyncingInformer<V1Secret>;

  constructor(
    private readonly operatorKube: KubeClients,
    private readonly workspaceKube: KubeClients,
    private readonly source: OriginSource,
  ) {}

  private get sourceLabel(): string {
    return `${this.source.secretNamespace}.${this.source.secretName}`;
  }

  /** The source Secret and its certificate; undefined when it is absent. */
  async readSource(): Promise<SourceCertificate | undefined> {
    const { secretNamespace: namespace, secretName: name } = this.source;
    let secret: V1Secret;
    try {
      secret = await this.operatorKube.core.readNamespacedSecret({
        name,
        namespace,
      });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw kubeErrorToSafe(e, 'Reading the origin certificate');
    }
    const crt = secret.data?.['tls.crt'];
    if (!crt) return undefined;
    return {
      secret,
      facts: readCertificate(Buffer.from(crt, 'base64').toString('utf8')),
    };
  }

  /** Writes (or refreshes) the release's copy, owned by its Ingress. */
  async copyFor(ingress: V1Ingress, source: SourceCertificate): Promise<void> {
    const namespace = ingress.metadata!.namespace!;
    const releaseName = ingress.metadata!.name!;
    const name = originCopyName(releaseName);
    const body: V1Secret = {
      metadata: {
        name,
        namespace,
        labels: managedLabels({
          [RELEASE_LABEL]: releaseName,
          [COPY_OF_LABEL]: this.sourceLabel,
        }),
        annotations: {
          [SOURCE_VERSION]: source.secret.metadata?.resourceVersion ?? '',
        },
        ownerReferences: [
          {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'Ingress',
            name: releaseName,
            uid: ingress.metadata!.uid!,
          },
        ],
      },
      type: 'kubernetes.io/tls',
      data: {
        'tls.crt': source.secret.data!['tls.crt'],
        'tls.key': source.secret.data?.['tls.key'] ?? '',
      },
    };
    const what = `Copying the origin certificate for release "${releaseName}"`;
    const core = this.workspaceKube.core;
    try {
      await core.createNamespacedSecret({ namespace, body });
    } catch (e) {
      if (!isConflict(e)) throw kubeErrorToSafe(e, what);
      await core
        .replaceNamespacedSecret({ name, namespace, body })
        .catch(err => Promise.reject(kubeErrorToSafe(err, what)));
    }
  }

  /** Removes the release's copy (the Ingress's owner reference would too, later). */
  async deleteFor(ref: { namespace: string; releaseName: string }) {
    try {
      await this.workspaceKube.core.deleteNamespacedSecret({
        name: originCopyName(ref.releaseName),
        namespace: ref.namespace,
      });
    } catch (e) {
      if (!isNotFound(e))
        throw kubeErrorToSafe(e, 'Deleting the origin certificate copy');
    }
  }

  /** Brings every copy to the source's current content (after a renewal). */
  async syncAll(): Promise<number> {
    const source = await this.readSource();
    if (!source) return 0;
    const version = source.secret.metadata?.resourceVersion ?? '';
    const copies = await this.operatorKube.core
      .listSecretForAllNamespaces({
        labelSelector: `${COPY_OF_LABEL}=${this.sourceLabel}`,
      })
      .catch(e =>
        Promise.reject(kubeErrorToSafe(e, 'Listing certificate copies')),
      );
    let updated = 0;
    for (const copy of copies.items) {
      if (copy.metadata?.annotations?.[SOURCE_VERSION] === version) continue;
      const owner = copy.metadata?.ownerReferences?.[0];
      if (!owner) continue;
      await this.copyFor(
        {
          metadata: {
            name: owner.name,
            namespace: copy.metadata!.namespace,
            uid: owner.uid,
          },
        },
        source,
      );
      updated++;
    }
    return updated;
  }

  /** Watches the source Secret and re-copies on every change of it. */
  async startWatching(logger: LoggerService): Promise<void> {
    const { secretNamespace: namespace, secretName } = this.source;
    const fieldSelector = `metadata.name=${secretName}`;
    this.watch = new ResyncingInformer<V1Secret>({
      name: 'origin certificate',
      config: this.operatorKube.config,
      path: `/api/v1/namespaces/${namespace}/secrets`,
      fieldSelector,
      list: () =>
        this.operatorKube.core.listNamespacedSecret({
          namespace,
          fieldSelector,
        }),
      logger,
    });
    const sync = () =>
      this.syncAll().then(
        n =>
          n && logger.info(`Origin certificate renewed: ${n} copies updated`),
        e => logger.warn(`Origin certificate copies not updated: ${e.message}`),
      );
    this.watch.onAdd(sync);
    this.watch.onUpdate(sync);
    await this.watch.start();
  }

  stop(): void {
    this.watch?.stop();
  }
}
