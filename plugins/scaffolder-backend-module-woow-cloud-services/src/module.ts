import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCloudServiceActions } from './actions';
import { CloudServicesUserClient } from './CloudServicesUserClient';

/**
 * Scaffolder module: the woow:cloud-service:* actions. They call the Cloud
 * Services backend over HTTP as the user who runs the task, so the same
 * workspace permissions apply as in the portal.
 */
export const scaffolderModuleWoowCloudServices = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'woow-cloud-services',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        scaffolder.addActions(
          ...createCloudServiceActions({
            apiFor: CloudServicesUserClient.factory({ discovery, auth }),
            appBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
        );
      },
    });
  },
});
