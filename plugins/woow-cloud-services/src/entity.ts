import type { Entity } from '@backstage/catalog-model';

/** Set by the backend's entity provider on each service's catalog entity. */
export const SERVICE_ID_ANNOTATION = 'woow.cloud/service-id';
export const WORKSPACE_ID_ANNOTATION = 'woow.cloud/workspace-id';

/** Catalog entities that are deployed cloud services (`spec.type: cloud-service`). */
export function isCloudServiceEntity(entity: Entity): boolean {
  return entity.spec?.type === 'cloud-service';
}
