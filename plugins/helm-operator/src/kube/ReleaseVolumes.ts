import { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { KubeClients } from './KubeClients';
import { isNotFound, kubeErrorToSafe } from './kubeErrors';
import { INSTANCE_LABEL } from './labels';
import { ManifestObject, objectsOfKind } from './manifest';

const KEEP_POLICY = 'helm.sh/resource-policy';

export interface VolumeRef {
  namespace: string;
  releaseName: string;
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * PVCs that belong to a release, told apart without guessing from the
 * release name alone:
 * - PVCs declared in the manifest;
 * - PVCs made from StatefulSet volumeClaimTemplates: `<template>-<sts>-<ordinal>`
 *   for the StatefulSets of the manifest (helm never deletes these);
 * - PVCs labelled `app.kubernetes.io/instance=<release>`.
 */
export function releasePvcMatcher(
  releaseName: string,
  objects: readonly ManifestObject[],
) {
  const declared = new Set(
    objectsOfKind(objects, 'PersistentVolumeClaim').map(o => o.metadata.name),
  );
  const templated = objectsOfKind(objects, 'StatefulSet').flatMap(sts =>
    (
      (sts.spec?.volumeClaimTemplates ?? []) as {
        metadata?: { name?: string };
      }[]
    )
      .filter(t => t.metadata?.name)
      .map(
        t =>
          new RegExp(
            `^${escapeRegExp(
              `${t.metadata!.name}-${sts.metadata.name}`,
            )}-[0-9]+$`,
          ),
      ),
  );
  return (pvc: V1PersistentVolumeClaim): boolean => {
    const name = pvc.metadata?.name ?? '';
    return (
      declared.has(name) ||
      templated.some(re => re.test(name)) ||
      pvc.metadata?.labels?.[INSTANCE_LABEL] === releaseName
    );
  };
}

/**
 * PVCs declared by the chart that `helm uninstall` deletes: those without
 * `helm.sh/resource-policy: keep`. Keeping data is impossible for them.
 */
export function pvcsHelmWouldDelete(
  objects: readonly ManifestObject[],
): string[] {
  return objectsOfKind(objects, 'PersistentVolumeClaim')
    .filter(o => o.metadata.annotations?.[KEEP_POLICY] !== 'keep')
    .map(o => o.metadata.name);
}

/**
 * The volumes `helm uninstall` leaves behind: StatefulSet claim templates
 * (helm never deletes their PVCs) and chart PVCs marked keep.
 */
export function volumesSurvivingUninstall(
  objects: readonly ManifestObject[],
): string[] {
  const claims = objectsOfKind(objects, 'StatefulSet').flatMap(sts =>
    (
      (sts.spec?.volumeClaimTemplates ?? []) as {
        metadata?: { name?: string };
      }[]
    )
      .filter(t => t.metadata?.name)
      .map(t => `${t.metadata!.name} of StatefulSet ${sts.metadata.name}`),
  );
  const kept = objectsOfKind(objects, 'PersistentVolumeClaim')
    .filter(o => o.metadata.annotations?.[KEEP_POLICY] === 'keep')
    .map(o => o.metadata.name);
  return [...claims, ...kept];
}

export class ReleaseVolumes {
  constructor(private readonly kube: KubeClients) {}

  /** Names of the release's PVCs present now (not being deleted). */
  async list(ref: VolumeRef, objects: ManifestObject[]): Promise<string[]> {
    const matches = releasePvcMatcher(ref.releaseName, objects);
    const pvcs = await this.kube.core
      .listNamespacedPersistentVolumeClaim({ namespace: ref.namespace })
      .catch(e =>
        Promise.reject(
          kubeErrorToSafe(e, `Listing the PVCs of "${ref.releaseName}"`),
        ),
      );
    return pvcs.items
      .filter(p => !p.metadata?.deletionTimestamp && matches(p))
      .map(p => p.metadata!.name!)
      .sort();
  }

  async delete(ref: VolumeRef, names: string[]): Promise<void> {
    for (const name of names) {
      try {
        await this.kube.core.deleteNamespacedPersistentVolumeClaim({
          name,
          namespace: ref.namespace,
        });
      } catch (e) {
        if (!isNotFound(e)) throw kubeErrorToSafe(e, `Deleting PVC "${name}"`);
      }
    }
  }
}
