import { listServicesActionSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { requireUser, type CloudServicesActionDeps } from './actionSupport';
import { toAgentService } from './agentViews';

/** A workspace's services (GET /workspaces/:id/services; viewers and up). */
export function registerListServicesAction(deps: CloudServicesActionDeps) {
  deps.actionsRegistry.register({
    name: 'list-services',
    title: 'List the services of a Woow Cloud Services workspace',
    description: `Lists the services deployed in one workspace: name, state, public URL, Helm revision and the version to send back on changes.
Needs the viewer role or more in the workspace.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: listServicesActionSchema,
    action: async ({ input, credentials }) => {
      const items = await deps.views.list(
        requireUser(credentials),
        input.workspaceId,
      );
      return { output: { services: items.map(toAgentService) } };
    },
  });
}
