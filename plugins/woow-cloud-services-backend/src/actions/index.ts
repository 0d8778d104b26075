import type { CloudServicesActionDeps } from './actionSupport';
import { registerDeleteServiceAction } from './deleteServiceAction';
import { registerDeployServiceAction } from './deployServiceAction';
import { registerDescribeServiceAction } from './describeServiceAction';
import { registerGetServiceStatusAction } from './getServiceStatusAction';
import { registerListServicesAction } from './listServicesAction';
import { registerListTemplatesAction } from './listTemplatesAction';
import { registerListWorkspacesAction } from './listWorkspacesAction';
import { registerReadServiceLogsAction } from './readServiceLogsAction';
import { registerRollbackServiceAction } from './rollbackServiceAction';
import { registerUpgradeServiceAction } from './upgradeServiceAction';

export type { CloudServicesActionDeps } from './actionSupport';

/**
 * The plugin's actions in Backstage's actions registry (served to AI agents
 * by the MCP actions backend when `backend.actions.pluginSources` lists
 * `woow-cloud-services`). Each calls the service the HTTP route calls, with
 * the calling user's credentials.
 */
export function registerCloudServicesActions(deps: CloudServicesActionDeps) {
  registerListWorkspacesAction(deps);
  registerListTemplatesAction(deps);
  registerListServicesAction(deps);
  registerDescribeServiceAction(deps);
  registerGetServiceStatusAction(deps);
  registerReadServiceLogsAction(deps);
  registerDeployServiceAction(deps);
  registerUpgradeServiceAction(deps);
  registerRollbackServiceAction(deps);
  registerDeleteServiceAction(deps);
}
