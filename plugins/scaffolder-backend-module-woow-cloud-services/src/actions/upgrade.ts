import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ACTION_IDS,
  serviceDeployPermission,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import yaml from 'yaml';
import { assertValidValues, collectValues } from '../actionValues';
import { waitForService } from '../waitForService';
import {
  assertNoForbiddenKeys,
  assertWorkspaceRole,
  type CloudServiceActionDeps,
} from './shared';

/**
 * `woow:cloud-service:upgrade`: changes values and/or the chart version of a
 * service (a helm upgrade, a new revision), as the user running the task.
 * Values not named keep their current value; `null` resets one to its default.
 */
export function createUpgradeAction(deps: CloudServiceActionDeps) {
  return createTemplateAction({
    id: ACTION_IDS.upgrade,
    description:
      'Changes the values or chart version of a service (helm upgrade) and waits until it runs again',
    examples: [
      {
        description:
          'Raise the replica count and move to a newer chart version',
        example: yaml.stringify({
          steps: [
            {
              id: 'upgrade',
              action: ACTION_IDS.upgrade,
              name: 'Upgrade',
              input: {
                workspaceId: 'team-a',
                serviceId: '${{ parameters.serviceId }}',
                values: { replicaCount: 2, 'auth.mode': null },
                chartVersion: '0.2.0',
              },
            },
          ],
        }),
      },
    ],
    supportsDryRun: true,
    schema: {
      input: {
        workspaceId: z =>
          z.string().min(1).describe('Workspace of the service'),
        serviceId: z => z.string().min(1).describe('Service to upgrade'),
        values: z =>
          z
            .record(z.union([z.string(), z.number(), z.boolean(), z.null()]))
            .optional()
            .describe(
              'Values to change, by dotted helm key; null resets one to its default',
            ),
        secretValues: z =>
          z
            .record(z.string())
            .optional()
            .describe(
              'Password values to change: dotted helm key -> name of the task secret',
            ),
        chartVersion: z =>
          z
            .string()
            .min(1)
            .max(60)
            .optional()
            .describe('Chart version to move to'),
        name: z =>
          z.string().min(1).max(80).optional().describe('New display name'),
        expectedVersion: z =>
          z
            .number()
            .int()
            .optional()
            .describe(
              'Row version you last read; the upgrade is refused if the service changed since',
            ),
        waitForRunning: z =>
          z
            .boolean()
            .optional()
            .describe('Wait until it runs again (default true)'),
        timeoutSeconds: z => z.number().int().min(10).max(3600).optional(),
      },
      output: {
        serviceId: z => z.string(),
        helmRevision: z => z.number(),
        state: z => z.string(),
        droppedValues: z =>
          z
            .array(z.string())
            .describe('Stored values the new chart version no longer declares'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      assertNoForbiddenKeys(input);
      const api = deps.apiFor(await ctx.getInitiatorCredentials());
      const current = await api.getService(input.workspaceId, input.serviceId);
      const template = await api.getTemplate(current.templateId);
      const { values, resets } = collectValues({
        specs: template.valueSpecs,
        values: input.values,
        secretValues: input.secretValues,
        secrets: ctx.secrets,
        keepNull: true,
      });
      assertValidValues(template.valueSpecs, values, { partial: true });
      const changes = [...Object.keys(values), ...resets];
      if (changes.length === 0 && !input.chartVersion && !input.name) {
        throw new InputError(
          'Nothing to change: give values, a chart version or a name',
        );
      }

      if (ctx.isDryRun) {
        await assertWorkspaceRole(
          api,
          input.workspaceId,
          serviceDeployPermission,
        );
        ctx.logger.info(
          `Dry run: would upgrade ${current.name} (revision ${current.helmRevision}, chart ${current.helmChartVersion})` +
            `${
              input.chartVersion ? ` to chart ${input.chartVersion}` : ''
            }, changing ${changes.join(', ') || 'no values'}`,
        );
        ctx.output('serviceId', current.id);
        ctx.output('helmRevision', current.helmRevision);
        ctx.output('state', current.state);
        ctx.output('droppedValues', []);
        return;
      }

      const helmValues: Record<string, string | number | boolean | null> = {
        ...values,
      };
      for (const key of resets) helmValues[key] = null;
      const updated = await api.updateService(
        input.workspaceId,
        input.serviceId,
        {
          version: input.expectedVersion ?? current.version,
          ...(input.name ? { name: input.name } : {}),
          ...(changes.length > 0 ? { helmValues } : {}),
          ...(input.chartVersion ? { chartVersion: input.chartVersion } : {}),
        },
      );
      ctx.logger.info(
        `Upgrading ${updated.name}: ${
          changes.join(', ') || 'chart version only'
        }`,
      );
      const settled =
        input.waitForRunning === false
          ? updated
          : (await waitForService({
              api,
              workspaceId: input.workspaceId,
              serviceId: input.serviceId,
              logger: ctx.logger,
              timeoutSeconds: input.timeoutSeconds,
              signal: ctx.signal,
              pollIntervalMs: deps.pollIntervalMs,
            }))!;
      ctx.output('serviceId', settled.id);
      ctx.output('helmRevision', settled.helmRevision);
      ctx.output('state', settled.state);
      ctx.output('droppedValues', updated.droppedValues ?? []);
    },
  });
}
