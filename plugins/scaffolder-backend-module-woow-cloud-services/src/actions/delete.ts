import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ACTION_IDS,
  serviceDeletePermission,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import yaml from 'yaml';
import { waitForService } from '../waitForService';
import {
  assertNoForbiddenKeys,
  assertWorkspaceRole,
  type CloudServiceActionDeps,
} from './shared';

/**
 * `woow:cloud-service:delete`: helm uninstall, Ingress removed, volumes kept
 * unless `deleteData`; as the user running the task (admins and owners).
 */
export function createDeleteAction(deps: CloudServiceActionDeps) {
  return createTemplateAction({
    id: ACTION_IDS.delete,
    description:
      'Deletes a service (helm uninstall) and waits until it is gone',
    examples: [
      {
        description: 'Delete a service and its volumes',
        example: yaml.stringify({
          steps: [
            {
              id: 'delete',
              action: ACTION_IDS.delete,
              name: 'Delete',
              input: {
                workspaceId: 'team-a',
                serviceId: '${{ parameters.serviceId }}',
                deleteData: true,
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
        serviceId: z => z.string().min(1).describe('Service to delete'),
        deleteData: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Also delete its persistent volumes (default false: kept)',
            ),
        expectedVersion: z =>
          z.number().int().optional().describe('Row version you last read'),
        waitForRemoval: z =>
          z
            .boolean()
            .optional()
            .describe('Wait until it is gone (default true)'),
        timeoutSeconds: z => z.number().int().min(10).max(3600).optional(),
      },
      output: {
        serviceId: z => z.string(),
        deleted: z =>
          z.boolean().describe('Whether the service is gone already'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      assertNoForbiddenKeys(input);
      const api = deps.apiFor(await ctx.getInitiatorCredentials());
      const current = await api.getService(input.workspaceId, input.serviceId);
      const deleteData = input.deleteData === true;
      if (ctx.isDryRun) {
        await assertWorkspaceRole(
          api,
          input.workspaceId,
          serviceDeletePermission,
        );
        ctx.logger.info(
          `Dry run: would delete ${current.name} (release ${
            current.helmReleaseName
          }), ${deleteData ? 'deleting' : 'keeping'} its volumes`,
        );
        ctx.output('serviceId', current.id);
        ctx.output('deleted', false);
        return;
      }
      await api.deleteService(input.workspaceId, input.serviceId, {
        deleteData,
        version: input.expectedVersion ?? current.version,
      });
      ctx.logger.info(
        `Deleting ${current.name}; volumes ${deleteData ? 'deleted' : 'kept'}`,
      );
      if (input.waitForRemoval !== false) {
        await waitForService({
          api,
          workspaceId: input.workspaceId,
          serviceId: input.serviceId,
          logger: ctx.logger,
          timeoutSeconds: input.timeoutSeconds,
          signal: ctx.signal,
          pollIntervalMs: deps.pollIntervalMs,
          untilGone: true,
        });
        ctx.logger.info(`${current.name} is gone`);
      }
      ctx.output('serviceId', current.id);
      ctx.output('deleted', input.waitForRemoval !== false);
    },
  });
}
