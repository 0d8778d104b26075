import type { CloudServiceActionDeps } from './shared';
import { createDeleteAction } from './delete';
import { createDeployAction } from './deploy';
import { createRollbackAction } from './rollback';
import { createUpgradeAction } from './upgrade';

export type { CloudServiceActionDeps } from './shared';
export {
  createDeployAction,
  createUpgradeAction,
  createRollbackAction,
  createDeleteAction,
};

/** All woow:cloud-service:* actions. */
export function createCloudServiceActions(deps: CloudServiceActionDeps) {
  return [
    createDeployAction(deps),
    createUpgradeAction(deps),
    createRollbackAction(deps),
    createDeleteAction(deps),
  ];
}
