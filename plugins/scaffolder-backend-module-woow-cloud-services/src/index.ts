/**
 * Scaffolder backend module of Woow Cloud Services: the
 * woow:cloud-service:* actions (deploy, upgrade, rollback, delete), which
 * call the Cloud Services backend as the user who runs the task.
 *
 * @packageDocumentation
 */
export { scaffolderModuleWoowCloudServices as default } from './module';
export { createCloudServiceActions } from './actions';
export type { CloudServiceActionDeps } from './actions';
