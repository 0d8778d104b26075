import { deployServiceActionSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { keysOf } from '../service/audit';
import {
  auditedAction,
  requireUser,
  type CloudServicesActionDeps,
} from './actionSupport';
import { toAgentService } from './agentViews';

const NAME = 'deploy-service';

/** Deploys a marketplace app (POST /workspaces/:id/services; members and up). */
export function registerDeployServiceAction(deps: CloudServicesActionDeps) {
  deps.actionsRegistry.register({
    name: NAME,
    title: 'Deploy a Woow Cloud Services app',
    description: `Deploys a marketplace app (list-templates) into a workspace as a new service: helm install into the workspace's namespace.
Send only the keys of the app's valueSpecs in helmValues, every required one included; unknown keys, reserved or taken subdomains and values breaking a rule are refused with an InputError naming the field.
The service starts pending or deploying: read get-service-status until its state is running.
Needs the member role or more in the workspace.`,
    attributes: { destructive: false, readOnly: false, idempotent: false },
    schema: deployServiceActionSchema,
    examples: [
      {
        title: 'Deploy Grafana with a web UI at its own subdomain',
        input: {
          workspaceId: 'team-a',
          templateId: 'grafana',
          name: 'Team dashboards',
          subdomain: 'team-a-dashboards',
          helmValues: { adminUser: 'admin', adminPassword: '<ask the user>' },
        },
      },
      {
        title: 'Deploy PostgreSQL (no web UI: no subdomain)',
        input: {
          workspaceId: 'team-a',
          templateId: 'postgresql',
          name: 'Orders DB',
          helmValues: {
            'auth.database': 'orders',
            'auth.postgresPassword': '<ask the user>',
          },
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const user = requireUser(credentials);
      const { workspaceId, ...body } = input;
      const service = await auditedAction(
        deps.auditor,
        {
          eventId: 'service-create',
          severityLevel: 'medium',
          action: NAME,
          credentials: user,
          // Value keys only: values may be passwords.
          meta: {
            workspaceId,
            templateId: body.templateId,
            valueKeys: keysOf(body.helmValues),
          },
        },
        () => deps.lifecycle.create(user, workspaceId, body),
        s => ({ serviceId: s.id, release: s.helmReleaseName, state: s.state }),
      );
      return { output: { service: toAgentService(service) } };
    },
  });
}
