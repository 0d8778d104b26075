import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  cloudServicesRoutes,
  createPluginApiClient,
  type ApiClient,
  type CloudServicesRoutes,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** Which workspaces a user belongs to (the policy's only question to the product). */
export interface WorkspaceMemberships {
  workspaceIdsOf(userEntityRef: string): Promise<string[]>;
}

/**
 * Asks the Cloud Services backend (`GET /permission-feed/memberships`,
 * through the route table's ApiClient) with this plugin's own service
 * credentials: one indexed query per decision, so a membership change
 * counts from the next request on.
 */
export class WorkspaceMembershipClient implements WorkspaceMemberships {
  private readonly http: ApiClient<CloudServicesRoutes>;

  constructor(deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    timeoutMs?: number;
  }) {
    const timeoutMs = deps.timeoutMs ?? 10_000;
    this.http = createPluginApiClient(
      cloudServicesRoutes,
      { pluginId: 'woow-cloud-services', apiName: 'Workspace memberships' },
      { ...deps, onBehalfOf: () => deps.auth.getOwnServiceCredentials() },
      { timeoutMs: () => timeoutMs },
    );
  }

  async workspaceIdsOf(userEntityRef: string): Promise<string[]> {
    const body = await this.http.call('listWorkspaceMemberships', {
      query: { userRef: userEntityRef },
    });
    return body.items.map(item => item.workspaceId);
  }
}
