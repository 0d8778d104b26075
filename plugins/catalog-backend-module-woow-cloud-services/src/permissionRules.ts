import type { Entity } from '@backstage/catalog-model';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  createConditionExports,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import type { EntitiesSearchFilter } from '@backstage/plugin-catalog-node';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { z } from 'zod';
import { ANNOTATIONS, CLOUD_SERVICE_TYPE } from './entityNaming';

// Catalog filter keys are the flattened entity paths the catalog indexes.
const WORKSPACE_KEY = `metadata.annotations.${ANNOTATIONS.workspaceId}`;

function workspaceOf(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[ANNOTATIONS.workspaceId];
}

/**
 * A deployed service: it carries our workspace annotation, or it is a
 * `Resource` of type `cloud-service` (then without an annotation it belongs
 * to no workspace, and only those allowed everything see it).
 */
const isWoowCloudService = createPermissionRule({
  name: 'IS_WOOW_CLOUD_SERVICE',
  description:
    'Allow for entities of services deployed by Woow Cloud Services (workspace annotation, or kind Resource with spec.type cloud-service)',
  resourceRef: catalogEntityPermissionResourceRef,
  paramsSchema: z.object({}),
  apply: entity =>
    workspaceOf(entity) !== undefined ||
    (entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
      entity.spec?.type === CLOUD_SERVICE_TYPE),
  toQuery: (): PermissionCriteria<EntitiesSearchFilter> => ({
    anyOf: [
      { key: WORKSPACE_KEY },
      {
        allOf: [
          { key: 'kind', values: ['resource'] },
          { key: 'spec.type', values: [CLOUD_SERVICE_TYPE] },
        ],
      },
    ],
  }),
});

/** The entity belongs to one of the given workspaces (its workspace annotation). */
const isInWoowWorkspace = createPermissionRule({
  name: 'IS_IN_WOOW_WORKSPACE',
  description:
    'Allow for entities whose woow.cloud/workspace-id annotation is one of the given workspaces',
  resourceRef: catalogEntityPermissionResourceRef,
  paramsSchema: z.object({
    workspaceIds: z
      .array(z.string())
      .describe('Workspace ids, e.g. those the caller is a member of'),
  }),
  apply: (entity, { workspaceIds }) => {
    const workspace = workspaceOf(entity);
    return workspace !== undefined && workspaceIds.includes(workspace);
  },
  toQuery: ({ workspaceIds }): PermissionCriteria<EntitiesSearchFilter> =>
    workspaceIds.length > 0
      ? { key: WORKSPACE_KEY, values: workspaceIds }
      : // No workspace: a filter nothing matches (every entity has a kind).
        { not: { key: 'kind' } },
});

/** Rules this product adds to the catalog (registered by its catalog module). */
export const woowCatalogPermissionRules = {
  isWoowCloudService,
  isInWoowWorkspace,
};

/**
 * For permission policy authors: `woowCatalogConditions.isInWoowWorkspace({
 * workspaceIds })` inside a `createCatalogConditionalDecision`.
 */
export const {
  conditions: woowCatalogConditions,
  createConditionalDecision: createWoowCatalogConditionalDecision,
} = createConditionExports({
  resourceRef: catalogEntityPermissionResourceRef,
  rules: woowCatalogPermissionRules,
});
