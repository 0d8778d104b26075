import { ApiClient, type ApiClientOptions } from './ApiClient';
import type { RouteTable } from './routes';

/** What the client needs of Backstage's DiscoveryService and AuthService (kept structural: -common runs in browsers too). */
export interface PluginCallDeps<Credentials> {
  discovery: { getBaseUrl(pluginId: string): Promise<string> };
  auth: {
    getPluginRequestToken(options: {
      onBehalfOf: Credentials;
      targetPluginId: string;
    }): Promise<{ token: string }>;
  };
  /** Whose token: a user's credentials, or the caller's own service credentials. */
  onBehalfOf(): Promise<Credentials>;
  fetch?: typeof fetch;
}

/**
 * The ApiClient of another backend plugin, found through discovery and
 * called with a plugin-to-plugin token made per call.
 */
export function createPluginApiClient<T extends RouteTable, Credentials>(
  routes: T,
  target: { pluginId: string; apiName: string },
  deps: PluginCallDeps<Credentials>,
  options: Pick<ApiClientOptions<T>, 'timeoutMs'> = {},
): ApiClient<T> {
  return new ApiClient(routes, {
    ...options,
    apiName: target.apiName,
    fetch: deps.fetch,
    baseUrl: () => deps.discovery.getBaseUrl(target.pluginId),
    authHeaders: async () => {
      const { token } = await deps.auth.getPluginRequestToken({
        onBehalfOf: await deps.onBehalfOf(),
        targetPluginId: target.pluginId,
      });
      return { Authorization: `Bearer ${token}` };
    },
  });
}
