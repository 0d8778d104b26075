import {
  rollbackRequestSchema,
  rollbackServiceActionSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { parse } from '../service/parse';
import {
  auditedAction,
  requireUser,
  type CloudServicesActionDeps,
} from './actionSupport';
import { toAgentService } from './agentViews';

const NAME = 'rollback-service';

/** helm rollback to an earlier revision (POST .../rollback; members and up). */
export function registerRollbackServiceAction(deps: CloudServicesActionDeps) {
  deps.actionsRegistry.register({
    name: NAME,
    title: 'Roll a Woow Cloud Services service back to a revision',
    description: `Rolls a service back to an earlier Helm revision (describe-service lists them): its values and chart version of that revision come back.
Send the version you read with describe-service; a stale one is refused with a ConflictError. Refused while another operation runs.
Read get-service-status until the state is running again. Needs the member role or more in the workspace.`,
    attributes: { destructive: true, readOnly: false, idempotent: false },
    schema: rollbackServiceActionSchema,
    action: async ({ input, credentials }) => {
      const user = requireUser(credentials);
      const { workspaceId, serviceId } = input;
      const request = parse(rollbackRequestSchema, {
        revision: input.revision,
        version: input.version,
      });
      const service = await auditedAction(
        deps.auditor,
        {
          eventId: 'service-rollback',
          severityLevel: 'medium',
          action: NAME,
          credentials: user,
          meta: { workspaceId, serviceId, toRevision: request.revision },
        },
        () => deps.lifecycle.rollback(user, workspaceId, serviceId, request),
        s => ({ release: s.helmReleaseName, state: s.state }),
      );
      return { output: { service: toAgentService(service) } };
    },
  });
}
