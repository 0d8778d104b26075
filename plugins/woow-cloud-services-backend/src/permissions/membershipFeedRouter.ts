import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  userEntityRefSchema,
  type WorkspaceMembershipsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { WorkspaceStore } from '../database/WorkspaceStore';
import { parse } from '../service/parse';

const querySchema = z.object({ userRef: userEntityRefSchema });

/**
 * `GET /permission-feed/memberships?userRef=`: the workspaces of one user.
 * A permission policy (running in the permission plugin) asks this when it
 * builds a condition about workspaces, e.g. which cloud-service entities a
 * user may read in the catalog. Service principals only: a user learns
 * their own workspaces through `GET /workspaces`.
 */
export function createMembershipFeedRouter(options: {
  httpAuth: HttpAuthService;
  workspaces: WorkspaceStore;
}): express.Router {
  const router = Router();
  router.get('/permission-feed/memberships', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['service'] });
    const { userRef } = parse(querySchema, req.query);
    const body: WorkspaceMembershipsResponse = {
      items: await options.workspaces.membershipsOf(userRef),
    };
    res.json(body);
  });
  return router;
}
