import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PlatformAdminMatcher, readPlatformAdmins } from './platformAdmins';
import { WoowCloudServicesPermissionPolicy } from './WoowCloudServicesPermissionPolicy';
import { WorkspaceMembershipClient } from './WorkspaceMembershipClient';

/**
 * The permission policy of Woow Cloud Services, as the permission backend's
 * policy. Replace it by adding another policy module instead of this one.
 */
export const permissionModuleWoowCloudServicesPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'woow-cloud-services-policy',
  register(env) {
    env.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        userInfo: coreServices.userInfo,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ policy, config, logger, userInfo, discovery, auth }) {
        const admins = readPlatformAdmins(config);
        logger.info(
          `Woow Cloud Services policy: ${admins.users.length} platform admin users, ${admins.groups.length} admin groups configured`,
        );
        policy.setPolicy(
          new WoowCloudServicesPermissionPolicy({
            admins: new PlatformAdminMatcher(admins),
            userInfo,
            memberships: new WorkspaceMembershipClient({ discovery, auth }),
            logger,
          }),
        );
      },
    });
  },
});
