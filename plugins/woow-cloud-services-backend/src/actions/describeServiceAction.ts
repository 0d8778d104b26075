import { describeServiceActionSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { requireUser, type CloudServicesActionDeps } from './actionSupport';
import { toAgentService } from './agentViews';

/** One service and its Helm history (GET .../services/:id and .../revisions). */
export function registerDescribeServiceAction(deps: CloudServicesActionDeps) {
  deps.actionsRegistry.register({
    name: 'describe-service',
    title: 'Describe a Woow Cloud Services service',
    description: `Shows one service: state, values (passwords only as { isSet: true }), public URL, current Helm revision, the version to send back on upgrade, rollback or delete, and its Helm revisions (the targets of rollback-service).
Needs the viewer role or more in the workspace.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: describeServiceActionSchema,
    action: async ({ input, credentials }) => {
      const user = requireUser(credentials);
      const { workspaceId, serviceId } = input;
      const service = await deps.views.get(user, workspaceId, serviceId);
      const history = await deps.views.revisions(user, workspaceId, serviceId);
      return {
        output: {
          service: toAgentService(service),
          revisions: history.items,
        },
      };
    },
  });
}
