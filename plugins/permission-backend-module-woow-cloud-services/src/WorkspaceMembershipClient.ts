import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { workspaceMembershipsResponseSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** Which workspaces a user belongs to (the policy's only question to the product). */
export interface WorkspaceMemberships {
  workspaceIdsOf(userEntityRef: string): Promise<string[]>;
}

/**
 * Asks the Cloud Services backend (`GET /permission-feed/memberships`) with
 * this plugin's own service credentials: one indexed query per decision, so
 * a membership change counts from the next request on.
 */
export class WorkspaceMembershipClient implements WorkspaceMemberships {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      timeoutMs?: number;
    },
  ) {}

  async workspaceIdsOf(userEntityRef: string): Promise<string[]> {
    const { discovery, auth } = this.deps;
    const baseUrl = await discovery.getBaseUrl('woow-cloud-services');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'woow-cloud-services',
    });
    const url = `${baseUrl}/permission-feed/memberships?userRef=${encodeURIComponent(
      userEntityRef,
    )}`;
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.deps.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      throw new Error(`Workspace memberships answered HTTP ${response.status}`);
    }
    const body = workspaceMembershipsResponseSchema.parse(
      await response.json(),
    );
    return body.items.map(item => item.workspaceId);
  }
}
