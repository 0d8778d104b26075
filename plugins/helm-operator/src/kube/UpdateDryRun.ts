import {
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { ClusterRefusal } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { sanitizeMessage } from '../sanitize';
import { KubeClients } from './KubeClients';
import {
  isNotFound,
  kubeErrorToSafe,
  kubeMessage,
  kubeStatusCode,
} from './kubeErrors';
import { ManifestObject, parseManifest } from './manifest';
import { changedFieldPaths } from './changedFields';
import { mapWithLimit } from '../helm/releaseList';

/** Objects previewed at once (two API calls each). */
const PREVIEW_CONCURRENCY = 8;

/** The field manager of the dry runs (never persisted: dryRun=All). */
const FIELD_MANAGER = 'woow-upgrade-preview';

interface StatusCause {
  field?: string;
}

function causesOf(error: unknown): StatusCause[] {
  const body = (error as { body?: unknown })?.body;
  try {
    const status = (typeof body === 'string' ? JSON.parse(body) : body) as {
      details?: { causes?: StatusCause[] };
    };
    return status?.details?.causes ?? [];
  } catch {
    return [];
  }
}

/** The API server refuses the object itself (validation, admission), not the request. */
const isRefusal = (e: unknown) => {
  const code = kubeStatusCode(e);
  return code === 422 || code === 400 || code === 403;
};

const key = (o: { kind?: string; metadata?: { name?: string } }) =>
  `${o.kind}/${o.metadata?.name}`;

/**
 * Asks the API server whether it would accept an upgrade's objects: for each
 * rendered object that already exists, a server-side apply with
 * `dryRun=All` (nothing persisted) through the workspace's deployer (the
 * KubeClients impersonate it inside workspace namespaces). Admission and
 * validation run as for the real update, so a change the cluster refuses,
 * such as a StatefulSet's volumeClaimTemplates, is a refusal here: helm's
 * own `--dry-run=server` does not submit updates and so cannot see it.
 */
export class UpdateDryRun {
  private readonly objects: KubernetesObjectApi;

  constructor(kube: KubeClients) {
    this.objects = KubernetesObjectApi.makeApiClient(kube.config);
  }

  /**
   * The refusals of an upgrade from `deployed` to `rendered` (manifests);
   * `secrets` are redacted from the API server's messages.
   */
  async refusals(
    namespace: string,
    deployed: string,
    rendered: string,
    secrets: readonly string[] = [],
  ): Promise<ClusterRefusal[]> {
    const before = new Map(
      parseManifest(deployed, { yaml11: true }).map(o => [key(o), o]),
    );
    // A few objects at a time: the upgrade waits for this preview.
    const results = await mapWithLimit(
      parseManifest(rendered, { yaml11: true }),
      PREVIEW_CONCURRENCY,
      object => this.check(namespace, object, before.get(key(object)), secrets),
    );
    return results.filter((r): r is ClusterRefusal => r !== undefined);
  }

  private async check(
    namespace: string,
    object: ManifestObject,
    previous: ManifestObject | undefined,
    secrets: readonly string[],
  ): Promise<ClusterRefusal | undefined> {
    const spec = {
      ...object,
      metadata: { ...object.metadata, namespace },
    } as KubernetesObject;
    try {
      const live = await this.objects.read({
        apiVersion: spec.apiVersion!,
        kind: spec.kind!,
        metadata: { name: object.metadata.name, namespace },
      });
      // Cluster-scoped kinds (refused by the manifest check; with it off, by
      // the API server to the deployer): never dry-run with the operator's
      // own credentials, which only namespaced paths drop.
      if (live.metadata?.namespace !== namespace) return undefined;
    } catch (e) {
      if (isNotFound(e)) return undefined; // new: helm's own dry run creates it
      throw kubeErrorToSafe(
        e,
        `Reading ${object.kind} "${object.metadata.name}"`,
      );
    }
    try {
      await this.objects.patch(
        spec,
        undefined,
        'All',
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
      return undefined;
    } catch (e) {
      if (!isRefusal(e)) {
        throw kubeErrorToSafe(
          e,
          `Checking the update of ${object.kind} "${object.metadata.name}"`,
        );
      }
      const causeFields = causesOf(e)
        .map(c => c.field)
        .filter((f): f is string => !!f);
      return {
        kind: object.kind,
        name: object.metadata.name,
        fields: changedFieldPaths(previous, object, causeFields),
        message: sanitizeMessage(kubeMessage(e), secrets),
      };
    }
  }
}
