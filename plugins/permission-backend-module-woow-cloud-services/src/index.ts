/**
 * The permission policy Woow Cloud Services ships, as a module of the
 * permission backend: platform admins from config, workspace roles as
 * conditions, deny by default for the product's permissions.
 *
 * @packageDocumentation
 */
export { permissionModuleWoowCloudServicesPolicy as default } from './module';
export { WoowCloudServicesPermissionPolicy } from './WoowCloudServicesPermissionPolicy';
export {
  PlatformAdminMatcher,
  readPlatformAdmins,
  type PlatformAdmins,
} from './platformAdmins';
export {
  WorkspaceMembershipClient,
  type WorkspaceMemberships,
} from './WorkspaceMembershipClient';
