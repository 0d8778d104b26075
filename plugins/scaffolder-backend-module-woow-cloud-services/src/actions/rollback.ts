import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ACTION_IDS,
  serviceDeployPermission,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import yaml from 'yaml';
import { waitForService } from '../waitForService';
import {
  assertNoForbiddenKeys,
  assertWorkspaceRole,
  type CloudServiceActionDeps,
} from './shared';

/** `woow:cloud-service:rollback`: helm rollback to an earlier revision, as the user running the task. */
export function createRollbackAction(deps: CloudServiceActionDeps) {
  return createTemplateAction({
    id: ACTION_IDS.rollback,
    description:
      'Rolls a service back to an earlier helm revision and waits until it runs again',
    examples: [
      {
        description: 'Roll back to revision 1',
        example: yaml.stringify({
          steps: [
            {
              id: 'rollback',
              action: ACTION_IDS.rollback,
              name: 'Roll back',
              input: {
                workspaceId: 'team-a',
                serviceId: '${{ parameters.serviceId }}',
                revision: 1,
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
        serviceId: z => z.string().min(1).describe('Service to roll back'),
        revision: z =>
          z.number().int().min(1).describe('Helm revision to return to'),
        expectedVersion: z =>
          z.number().int().optional().describe('Row version you last read'),
        waitForRunning: z =>
          z
            .boolean()
            .optional()
            .describe('Wait until it runs again (default true)'),
        timeoutSeconds: z => z.number().int().min(10).max(3600).optional(),
      },
      output: {
        serviceId: z => z.string(),
        helmRevision: z =>
          z.number().describe('The new revision the rollback created'),
        state: z => z.string(),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      assertNoForbiddenKeys(input);
      const api = deps.apiFor(await ctx.getInitiatorCredentials());
      const current = await api.getService(input.workspaceId, input.serviceId);
      if (input.revision >= current.helmRevision) {
        throw new InputError(
          `Revision ${input.revision} is not earlier than the current revision ${current.helmRevision}`,
        );
      }
      if (ctx.isDryRun) {
        await assertWorkspaceRole(
          api,
          input.workspaceId,
          serviceDeployPermission,
        );
        ctx.logger.info(
          `Dry run: would roll ${current.name} back from revision ${current.helmRevision} to ${input.revision}`,
        );
        ctx.output('serviceId', current.id);
        ctx.output('helmRevision', current.helmRevision);
        ctx.output('state', current.state);
        return;
      }
      const started = await api.rollbackService(
        input.workspaceId,
        input.serviceId,
        {
          revision: input.revision,
          version: input.expectedVersion ?? current.version,
        },
      );
      ctx.logger.info(
        `Rolling ${started.name} back to revision ${input.revision}`,
      );
      const settled =
        input.waitForRunning === false
          ? started
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
    },
  });
}
