import { V1Secret } from '@kubernetes/client-node';
import crypto from 'node:crypto';
import { KubeClients } from '../kube/KubeClients';
import { isConflict, isNotFound, kubeErrorToSafe } from '../kube/kubeErrors';
import { managedLabels } from '../kube/labels';
import { BackupOptions } from './backupOptions';
import { CREDENTIALS_SECRET } from './resticJobs';

/** Each namespace's restic repository: `s3:<endpoint>/<bucket>/<namespace>`. */
export function repositoryOf(options: BackupOptions, namespace: string) {
  return `s3:${options.s3.endpoint}/${options.s3.bucket}/${namespace}`;
}

/**
 * The restic password of a namespace's repository, derived from the
 * configured secret: a tenant who reads its namespace's Secret learns the key
 * of its own repository only, and the operator needs to store none.
 */
export function repositoryPassword(
  options: BackupOptions,
  namespace: string,
): string {
  return crypto
    .createHmac('sha256', options.repositoryPasswordSecret)
    .update(`restic-repository:${namespace}`)
    .digest('hex');
}

/** The values a response or log must never hold (for redaction). */
export function backupSecrets(options: BackupOptions): string[] {
  return [
    options.s3.secretAccessKey,
    options.s3.accessKeyId,
    options.repositoryPasswordSecret,
  ];
}

/**
 * The Secret the backup Jobs read restic's environment from, written before
 * each Job so that a changed configuration reaches every namespace.
 */
export class BackupCredentials {
  constructor(
    private readonly kube: KubeClients,
    private readonly options: BackupOptions,
  ) {}

  private body(namespace: string): V1Secret {
    const { s3 } = this.options;
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: CREDENTIALS_SECRET,
        namespace,
        labels: managedLabels(),
      },
      type: 'Opaque',
      stringData: {
        RESTIC_REPOSITORY: repositoryOf(this.options, namespace),
        RESTIC_PASSWORD: repositoryPassword(this.options, namespace),
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        AWS_DEFAULT_REGION: s3.region,
      },
    };
  }

  async ensure(namespace: string): Promise<void> {
    const body = this.body(namespace);
    try {
      await this.kube.core.replaceNamespacedSecret({
        name: CREDENTIALS_SECRET,
        namespace,
        body,
      });
    } catch (e) {
      if (!isNotFound(e))
        throw kubeErrorToSafe(e, 'Writing the backup credentials Secret');
      await this.kube.core
        .createNamespacedSecret({ namespace, body })
        .catch(err =>
          isConflict(err)
            ? undefined
            : Promise.reject(
                kubeErrorToSafe(err, 'Creating the backup credentials Secret'),
              ),
        );
    }
  }
}
