import {
  deleteServiceActionSchema,
  deleteServiceQuerySchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { parse } from '../service/parse';
import {
  auditedAction,
  requireUser,
  type CloudServicesActionDeps,
} from './actionSupport';
import { toAgentService } from './agentViews';

const NAME = 'delete-service';

/** helm uninstall (DELETE .../services/:id; admins and owners). */
export function registerDeleteServiceAction(deps: CloudServicesActionDeps) {
  deps.actionsRegistry.register({
    name: NAME,
    title: 'Delete a Woow Cloud Services service',
    description: `Deletes a service: helm uninstall, its Ingress removed; its persistent volumes (data) are kept unless deleteData is true.
Send the version you read with describe-service; a stale one is refused with a ConflictError.
Needs the admin or owner role in the workspace. Ask the user before calling this.`,
    attributes: { destructive: true, readOnly: false, idempotent: false },
    schema: deleteServiceActionSchema,
    action: async ({ input, credentials }) => {
      const user = requireUser(credentials);
      const { workspaceId, serviceId } = input;
      // The HTTP query's schema: the same rules for both callers.
      const options = parse(deleteServiceQuerySchema, {
        deleteData: String(input.deleteData),
        version: input.version,
      });
      const service = await auditedAction(
        deps.auditor,
        {
          eventId: 'service-delete',
          severityLevel: 'high',
          action: NAME,
          credentials: user,
          meta: { workspaceId, serviceId, deleteData: options.deleteData },
        },
        () => deps.lifecycle.delete(user, workspaceId, serviceId, options),
        s => ({ release: s.helmReleaseName, state: s.state }),
      );
      return { output: { service: toAgentService(service) } };
    },
  });
}
