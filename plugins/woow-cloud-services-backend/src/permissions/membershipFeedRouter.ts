import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { cloudServicesRoutes } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import type { WorkspaceStore } from '../database/WorkspaceStore';
import { createContractRouter } from '../service/contractRouter';

/**
 * `GET /permission-feed/memberships?userRef=`: the workspaces of one user.
 * A permission policy (running in the permission plugin) asks this when it
 * builds a condition about workspaces, e.g. which cloud-service entities a
 * user may read in the catalog. Service principals only: a user learns
 * their own workspaces through `GET /workspaces`.
 */
export function createMembershipFeedRouter(options: {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  workspaces: WorkspaceStore;
}): express.Router {
  const { handle, router } = createContractRouter(cloudServicesRoutes, options);
  handle('listWorkspaceMemberships', async ({ query }, req) => {
    await options.httpAuth.credentials(req, { allow: ['service'] });
    return { items: await options.workspaces.membershipsOf(query.userRef) };
  });
  return router;
}
