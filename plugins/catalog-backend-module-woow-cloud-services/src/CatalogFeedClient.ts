import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  feedItemSchemas,
  type AppTemplate,
  type CatalogFeedService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { z } from 'zod';

export const CLOUD_SERVICES_PLUGIN_ID = 'woow-cloud-services';
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Reads the catalog feed of the Cloud Services backend over HTTP with the
 * catalog's own service credentials: the provider lives in the catalog
 * plugin, which may run in another backend than ours.
 */
export class CatalogFeedClient {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      fetch?: typeof fetch;
    },
  ) {}

  async listTemplates(): Promise<AppTemplate[]> {
    return this.list('templates', feedItemSchemas.template);
  }

  async listServices(): Promise<CatalogFeedService[]> {
    return this.list('services', feedItemSchemas.service);
  }

  private async list<T extends z.ZodType>(
    what: 'templates' | 'services',
    schema: T,
  ): Promise<z.infer<T>[]> {
    const { discovery, auth, logger } = this.deps;
    const baseUrl = await discovery.getBaseUrl(CLOUD_SERVICES_PLUGIN_ID);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: CLOUD_SERVICES_PLUGIN_ID,
    });
    const response = await (this.deps.fetch ?? fetch)(
      `${baseUrl}/catalog-feed/${what}`,
      {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as { items?: unknown };
    if (!Array.isArray(body.items)) {
      throw new Error(`catalog feed ${what}: the response has no items list`);
    }
    const items: z.infer<T>[] = [];
    for (const raw of body.items) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) {
        items.push(parsed.data);
      } else {
        // Named by id only: a service row may hold user text we do not log.
        logger.warn(`Skipping a malformed ${what} item of the catalog feed`, {
          id: String((raw as { id?: unknown })?.id ?? 'unknown'),
          problems: parsed.error.issues
            .map(issue => `${issue.path.join('.')}: ${issue.message}`)
            .join('; '),
        });
      }
    }
    return items;
  }
}
