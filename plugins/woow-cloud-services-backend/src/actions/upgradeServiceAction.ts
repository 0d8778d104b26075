import {
  updateServiceRequestSchema,
  upgradeServiceActionSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { keysOf } from '../service/audit';
import { parse } from '../service/parse';
import {
  auditedAction,
  requireUser,
  type CloudServicesActionDeps,
} from './actionSupport';
import { toAgentService } from './agentViews';

const NAME = 'upgrade-service';

/** Changes values and/or chart version: helm upgrade (PATCH .../services/:id; members and up). */
export function registerUpgradeServiceAction(deps: CloudServicesActionDeps) {
  deps.actionsRegistry.register({
    name: NAME,
    title: 'Upgrade the values of a Woow Cloud Services service',
    description: `Changes a service's values (and/or its chart version): helm upgrade to a new revision. Values not sent keep their current value; null resets one to its default.
Send the version you read with describe-service; if the service changed since, a ConflictError says so: read it again. Refused while another operation runs.
Read get-service-status until the state is running again. Needs the member role or more in the workspace.`,
    attributes: { destructive: true, readOnly: false, idempotent: false },
    schema: upgradeServiceActionSchema,
    action: async ({ input, credentials }) => {
      const user = requireUser(credentials);
      const { workspaceId, serviceId } = input;
      const request = parse(updateServiceRequestSchema, {
        version: input.version,
        helmValues: input.helmValues,
        chartVersion: input.chartVersion,
      });
      const service = await auditedAction(
        deps.auditor,
        {
          eventId: 'service-update',
          severityLevel: 'medium',
          action: NAME,
          credentials: user,
          meta: {
            workspaceId,
            serviceId,
            fields: keysOf(request).filter(k => k !== 'version'),
            valueKeys: keysOf(request.helmValues),
          },
        },
        () => deps.updater.update(user, workspaceId, serviceId, request),
        s => ({ release: s.helmReleaseName, state: s.state }),
      );
      return {
        output: {
          service: toAgentService(service),
          droppedValues: service.droppedValues,
        },
      };
    },
  });
}
