import { readServiceLogsActionSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { requireUser, type CloudServicesActionDeps } from './actionSupport';

/** The last lines of a container's log (GET .../pod-logs; members and up). */
export function registerReadServiceLogsAction(deps: CloudServicesActionDeps) {
  deps.actionsRegistry.register({
    name: 'read-service-logs',
    title: 'Read the recent logs of a Woow Cloud Services service',
    description: `Reads the last lines of a service's container log (the newest running pod unless a pod is named; get-service-status lists the pods).
The service's password values are masked as *** in the lines.
Needs the member role or more in the workspace (viewers do not read logs).`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: readServiceLogsActionSchema,
    action: async ({ input, credentials }) => {
      const { workspaceId, serviceId, ...request } = input;
      const output = await deps.logs.recent(
        requireUser(credentials),
        workspaceId,
        serviceId,
        request,
      );
      return { output };
    },
  });
}
