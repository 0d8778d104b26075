import { getServiceStatusActionSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { requireUser, type CloudServicesActionDeps } from './actionSupport';
import { toAgentStatus } from './agentViews';

/** Live status of a service's release (GET .../status; viewers and up). */
export function registerGetServiceStatusAction(deps: CloudServicesActionDeps) {
  deps.actionsRegistry.register({
    name: 'get-service-status',
    title: 'Get the live status of a Woow Cloud Services service',
    description: `Reads the live status of a service from the cluster: its state (running, deploying, error, ...), whether it is online, its workloads and pods, and the problems seen (image pull errors, crash loops, quota).
After deploy-service, upgrade-service or rollback-service, read this again until state is running (or error: the message and problems say why).
Needs the viewer role or more in the workspace.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: getServiceStatusActionSchema,
    action: async ({ input, credentials }) => {
      const status = await deps.views.status(
        requireUser(credentials),
        input.workspaceId,
        input.serviceId,
      );
      return { output: toAgentStatus(status) };
    },
  });
}
