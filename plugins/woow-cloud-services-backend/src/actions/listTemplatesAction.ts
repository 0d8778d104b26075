import {
  listTemplatesActionSchema,
  templateListQuerySchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { parse } from '../service/parse';
import { requireUser, type CloudServicesActionDeps } from './actionSupport';
import { toAgentTemplate } from './agentViews';

/** The marketplace (GET /templates). */
export function registerListTemplatesAction(deps: CloudServicesActionDeps) {
  deps.actionsRegistry.register({
    name: 'list-templates',
    title: 'List Woow Cloud Services marketplace apps',
    description: `Lists the applications of the Woow Cloud Services marketplace (Helm charts) that can be deployed into a workspace, with the values each accepts.
Use an app's slug as templateId of deploy-service and only the keys of its valueSpecs as helmValues (a required value must be sent; password values are never shown back).`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: listTemplatesActionSchema,
    examples: [
      { title: 'Databases', input: { category: 'database' } },
      { title: 'Find an app', input: { search: 'postgres' } },
    ],
    action: async ({ input, credentials }) => {
      const query = parse(templateListQuerySchema, {
        category: input.category,
        search: input.search,
      });
      const items = await deps.marketplace.list(
        requireUser(credentials),
        query,
      );
      return { output: { templates: items.map(toAgentTemplate) } };
    },
  });
}
