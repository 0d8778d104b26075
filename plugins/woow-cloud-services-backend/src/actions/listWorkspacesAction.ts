import { listWorkspacesActionSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { requireUser, type CloudServicesActionDeps } from './actionSupport';

/** The caller's workspaces and their role in each (GET /workspaces). */
export function registerListWorkspacesAction(deps: CloudServicesActionDeps) {
  deps.actionsRegistry.register({
    name: 'list-workspaces',
    title: 'List my Woow Cloud Services workspaces',
    description: `Lists the Woow Cloud Services workspaces you belong to, with your role in each.
Services are deployed into a workspace: start here to find the workspaceId the other woow-cloud-services actions need.
Roles: viewer reads services, status and history; member also deploys, upgrades, rolls back and reads logs; admin and owner also delete.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: listWorkspacesActionSchema,
    action: async ({ credentials }) => {
      const items = await deps.workspaces.listMine(requireUser(credentials));
      return {
        output: {
          workspaces: items.map(w => ({
            id: w.id,
            name: w.name,
            description: w.description,
            role: w.myRole,
            serviceCount: w.serviceCount,
          })),
        },
      };
    },
  });
}
