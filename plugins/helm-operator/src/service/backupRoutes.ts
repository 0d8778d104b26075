import { InputError, NotImplementedError } from '@backstage/errors';
import {
  backupIdSchema,
  backupListResponseSchema,
  backupResponseSchema,
  createBackupRequestSchema,
  createRestoreRequestSchema,
  restoreResponseSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import express from 'express';
import { BackupServices } from '../backup/createBackupServices';
import { Fence } from '../fence';
import { send } from './send';
import { parseRequest } from './validation';

/**
 * The backup routes (issue 17), fenced like the others: namespace and release
 * pass the fence, ids are DNS labels, bodies are strict; nothing reaches the
 * Kubernetes API before. Without helmOperator.backups: 501 with the reason.
 */
export function createBackupRouter(options: {
  fence: Fence;
  backupServices?: BackupServices;
}): express.Router {
  const { fence, backupServices } = options;
  const router = express.Router();
  const base = '/releases/:namespace/:name';
  const release = (req: express.Request) =>
    fence.release(String(req.params.namespace), String(req.params.name));
  const services = (): BackupServices => {
    if (!backupServices)
      throw new NotImplementedError(
        'Backups are not configured on this operator (helmOperator.backups is absent)',
      );
    return backupServices;
  };
  const idParam = (req: express.Request) => {
    const parsed = backupIdSchema.safeParse(req.params.id);
    if (!parsed.success)
      throw new InputError(
        `Invalid id "${req.params.id}": ${parsed.error.issues[0].message}`,
      );
    return parsed.data;
  };
  // Express 4 does not pass a rejected promise on: each handler does.
  const handle =
    (fn: (req: express.Request, res: express.Response) => Promise<void>) =>
    (req: express.Request, res: express.Response, next: express.NextFunction) =>
      fn(req, res).catch(next);

  router.post(
    `${base}/backups`,
    handle(async (req, res) => {
      const ref = release(req);
      const body = parseRequest(createBackupRequestSchema, req.body);
      const backup = await services().backups.create(ref, body.id);
      send(res, 202, backupResponseSchema, { backup });
    }),
  );
  router.get(
    `${base}/backups`,
    handle(async (req, res) => {
      const ref = release(req);
      const backups = await services().backups.list(ref);
      send(res, 200, backupListResponseSchema, { backups });
    }),
  );
  router.get(
    `${base}/backups/:id`,
    handle(async (req, res) => {
      const ref = release(req);
      const backup = await services().backups.get(ref, idParam(req));
      send(res, 200, backupResponseSchema, { backup });
    }),
  );
  router.delete(
    `${base}/backups/:id`,
    handle(async (req, res) => {
      const ref = release(req);
      await services().backups.delete(ref, idParam(req));
      res.status(202).end();
    }),
  );
  router.post(
    `${base}/restores`,
    handle(async (req, res) => {
      const ref = release(req);
      const body = parseRequest(createRestoreRequestSchema, req.body);
      if (body.sourceRelease) fence.release(ref.namespace, body.sourceRelease);
      const restore = await services().restores.create(ref, body);
      send(res, 202, restoreResponseSchema, { restore });
    }),
  );
  router.get(
    `${base}/restores/:id`,
    handle(async (req, res) => {
      const ref = release(req);
      const restore = await services().restores.get(ref, idParam(req));
      send(res, 200, restoreResponseSchema, { restore });
    }),
  );
  return router;
}
