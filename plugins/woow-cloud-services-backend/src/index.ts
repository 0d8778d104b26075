/**
 * Backend of Woow Cloud Services: one-click deployment of marketplace
 * applications (Helm charts) into per-workspace namespaces, and their
 * day-2 management.
 *
 * @packageDocumentation
 */
export {
  woowCloudServicesPlugin as default,
  RECONCILER_TASK_ID,
} from './plugin';
export {
  workspaceConditions,
  createWorkspaceConditionalDecision,
  workspacePermissionRules,
  workspaceResourceRef,
} from './permissions/workspaceResource';
export type {
  WorkspaceResource,
  WorkspaceQuery,
} from './permissions/workspaceResource';
export { encryptionKeyProblem } from './services/SecretCipher';
