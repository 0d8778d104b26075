import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ACTION_IDS,
  DNS_LABEL_PATTERN,
  launchSubdomainProblem,
  serviceDeployPermission,
  servicePageUrl,
  type CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import yaml from 'yaml';
import { assertValidValues, collectValues } from '../actionValues';
import { waitForService } from '../waitForService';
import {
  assertNoForbiddenKeys,
  assertWorkspaceRole,
  serviceEntityRef,
  type CloudServiceActionDeps,
} from './shared';

const DEPLOY_ACTION_ID = ACTION_IDS.deploy;

const examples = [
  {
    description:
      'Deploy a marketplace application from form parameters, with its password from the task secrets',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: DEPLOY_ACTION_ID,
          name: 'Deploy PostgreSQL',
          input: {
            workspaceId: '${{ parameters.workspaceId }}',
            template: 'postgresql',
            name: '${{ parameters.name }}',
            subdomain: '${{ parameters.subdomain }}',
            values: {
              'primary.persistence.size':
                "${{ parameters['primary__persistence__size'] }}",
            },
            secretValues: { 'auth.postgresPassword': 'auth__postgresPassword' },
          },
        },
      ],
    }),
  },
];

/**
 * `woow:cloud-service:deploy`: creates a service (helm install through the
 * backend) as the user running the template, then follows it until it runs.
 * Password values are read from the task's secrets and go straight into the
 * request body: they are never rendered into the step input or logged.
 */
export function createDeployAction(deps: CloudServiceActionDeps) {
  return createTemplateAction({
    id: DEPLOY_ACTION_ID,
    description:
      'Deploys a marketplace application into one of your workspaces and waits until it runs',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        workspaceId: z =>
          z
            .string()
            .max(20)
            .regex(DNS_LABEL_PATTERN)
            .describe('Workspace to deploy into'),
        template: z =>
          z.string().min(1).describe('Marketplace template id or slug'),
        name: z =>
          z.string().min(1).max(80).describe('Name of the new service'),
        subdomain: z =>
          z
            .string()
            .max(63)
            .regex(DNS_LABEL_PATTERN)
            .optional()
            .describe(
              'Subdomain the service answers on; only for apps with a web UI (template ingressEnabled)',
            ),
        referenceId: z =>
          z
            .string()
            .max(24)
            .regex(DNS_LABEL_PATTERN)
            .optional()
            .describe(
              'Fixed reference ID (part of the release name); generated when absent',
            ),
        values: z =>
          z
            .record(z.union([z.string(), z.number(), z.boolean(), z.null()]))
            .optional()
            .describe(
              'Helm values by their dotted key; empty ones take the template default',
            ),
        secretValues: z =>
          z
            .record(z.string())
            .optional()
            .describe(
              'Password values: dotted helm key -> name of the task secret holding it',
            ),
        waitForRunning: z =>
          z
            .boolean()
            .optional()
            .describe('Wait until the service runs (default true)'),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(10)
            .max(3600)
            .optional()
            .describe('How long to wait for the service to run (default 900)'),
      },
      output: {
        serviceId: z => z.string(),
        workspaceId: z => z.string(),
        deploymentId: z => z.string(),
        serviceUrl: z => z.string().describe('The service page in the portal'),
        publicUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'Where the web UI answers; absent for apps without one (databases...)',
            ),
        entityRef: z => z.string().describe('The service catalog entity'),
        state: z => z.string(),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      assertNoForbiddenKeys(input);
      const api = deps.apiFor(await ctx.getInitiatorCredentials());

      const template = await api.getTemplate(input.template);
      if (!template.isActive) {
        throw new InputError(
          `${template.name} is no longer offered in the marketplace`,
        );
      }
      const { values } = collectValues({
        specs: template.valueSpecs,
        values: input.values,
        secretValues: input.secretValues,
        secrets: ctx.secrets,
      });
      assertValidValues(template.valueSpecs, values);

      if (ctx.isDryRun) {
        await assertWorkspaceRole(
          api,
          input.workspaceId,
          serviceDeployPermission,
        );
        const subdomainProblem = launchSubdomainProblem(
          template,
          input.subdomain,
        );
        if (subdomainProblem) {
          throw new InputError(`subdomain ${subdomainProblem}`);
        }
        const availability = input.subdomain
          ? await api.checkSubdomain(input.subdomain)
          : undefined;
        if (availability && !availability.available) {
          throw new InputError(
            `Subdomain ${input.subdomain} ${
              availability.reason ?? 'is not available'
            }`,
          );
        }
        ctx.logger.info(
          `Dry run: would deploy ${template.name} (chart ${template.helmChart.chartName} ${template.helmChart.chartVersion}) ` +
            `as "${input.name}" in workspace ${input.workspaceId}${
              availability ? ` at https://${availability.fqdn}` : ''
            }, ` +
            `setting ${Object.keys(values).join(', ') || 'no values'}`,
        );
        ctx.output('serviceId', 'dry-run');
        ctx.output('workspaceId', input.workspaceId);
        ctx.output('deploymentId', 'dry-run');
        ctx.output(
          'serviceUrl',
          servicePageUrl(input.workspaceId, 'dry-run', deps.appBaseUrl),
        );
        if (availability) {
          ctx.output('publicUrl', `https://${availability.fqdn}`);
        }
        ctx.output('entityRef', serviceEntityRef('dry-run'));
        ctx.output('state', 'pending');
        return;
      }

      // A recovered task must not create a second service.
      const created = await ctx.checkpoint({
        key: `create.${input.workspaceId}.${input.subdomain ?? input.name}`,
        fn: async () => {
          const service = await api.createService(input.workspaceId, {
            templateId: template.id,
            name: input.name,
            subdomain: input.subdomain,
            referenceId: input.referenceId,
            helmValues: values,
          });
          return { id: service.id };
        },
      });
      let service: CloudService = await api.getService(
        input.workspaceId,
        created.id,
      );
      ctx.logger.info(
        `Created ${service.name} (deployment ${service.deploymentId}): release ${service.helmReleaseName} in namespace ${service.helmNamespace}`,
      );
      if (input.waitForRunning !== false) {
        service = (await waitForService({
          api,
          workspaceId: input.workspaceId,
          serviceId: service.id,
          logger: ctx.logger,
          timeoutSeconds: input.timeoutSeconds,
          signal: ctx.signal,
          pollIntervalMs: deps.pollIntervalMs,
        }))!;
        ctx.logger.info(
          `${service.name} runs${
            service.publicUrl ? ` at ${service.publicUrl}` : ''
          }`,
        );
      }

      ctx.output('serviceId', service.id);
      ctx.output('workspaceId', service.workspaceId);
      ctx.output('deploymentId', service.deploymentId);
      ctx.output(
        'serviceUrl',
        servicePageUrl(service.workspaceId, service.id, deps.appBaseUrl),
      );
      if (service.publicUrl) ctx.output('publicUrl', service.publicUrl);
      ctx.output('entityRef', serviceEntityRef(service.helmReleaseName));
      ctx.output('state', service.state);
    },
  });
}
