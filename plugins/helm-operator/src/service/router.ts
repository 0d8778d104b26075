import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  diffReleaseRequestSchema,
  diffReleaseResponseSchema,
  ensureNamespaceRequestSchema,
  ensureNamespaceResponseSchema,
  namespaceQuotaUsageResponseSchema,
  namespaceReleaseStatusesResponseSchema,
  ingressInfoSchema,
  releaseTlsResponseSchema,
  chartVersionsResponseSchema,
  ingressSpecSchema,
  installReleaseRequestSchema,
  operatorHealthResponseSchema,
  podLogsQuerySchema,
  recoverReleaseResponseSchema,
  releaseInfoResponseSchema,
  releaseListQuerySchema,
  releaseListResponseSchema,
  releaseOperationResponseSchema,
  releasePodsResponseSchema,
  releaseRevisionsResponseSchema,
  releaseStatusResponseSchema,
  releaseValuesResponseSchema,
  requestBodyGuard,
  rollbackReleaseRequestSchema,
  uninstallReleaseResponseSchema,
  releaseVolumesResponseSchema,
  upgradeReleaseRequestSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import express from 'express';
import { Fence } from '../fence';
import { NamespaceManager } from '../kube/NamespaceManager';
import { createOperatorAudit } from './audit';
import { BackupServices } from '../backup/createBackupServices';
import { createBackupRouter } from './backupRoutes';
import { send } from './send';
import { QuotaUsageReader } from '../kube/QuotaUsageReader';
import { ReleaseLogs } from '../kube/ReleaseLogs';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { OperatorHealth } from './OperatorHealth';
import { ReleaseInventory } from './ReleaseInventory';
import { ReleaseQueries } from './ReleaseQueries';
import { ReleaseService } from './ReleaseService';
import { retryAfterHeader } from './retryAfter';
import { safeErrors } from './safeErrors';
import { parseRequest } from './validation';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** Every mutating call is an audit event (see audit.ts and the README). */
  auditor: AuditorService;
  logger: LoggerService;
  fence: Fence;
  namespaces: NamespaceManager;
  quotas: QuotaUsageReader;
  releases: ReleaseService;
  queries: ReleaseQueries;
  logs: ReleaseLogs;
  inventory: ReleaseInventory;
  health: OperatorHealth;
  /** Backups and restores; absent (helmOperator.backups unset): their routes answer 501. */
  backupServices?: BackupServices;
  /** Body size limit and JSON depth (helmOperator.http); defaults 1mb and 32. */
  http?: { maxBodySize: number | string; maxJsonDepth: number };
  /** Also validate responses against the OpenAPI document (tests). */
  validateResponses?: boolean;
}

/**
 * HTTP only: each route authenticates (service principals only), parses its
 * input, asks the fence, then calls a service. Nothing reaches helm or the
 * Kubernetes API before all three said yes.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, fence, namespaces, releases, queries, health } = options;
  // Users' tokens are refused (403) before anything else, body validation
  // included: only other backends, and the static external-access keys of
  // backend.auth.externalAccess, may call the operator. (On an outer router:
  // the OpenAPI router turns every error passed through it into a 400.)
  const outer = express.Router();
  outer.use((req, _res, next) => {
    httpAuth.credentials(req, { allow: ['service'] }).then(() => next(), next);
  });
  // Bodies are parsed here, not in the OpenAPI router (whose own middleware
  // would turn a 413 into a 400): size limit, then depth and prototype keys.
  outer.use(express.json({ limit: options.http?.maxBodySize ?? '1mb' }));
  outer.use(requestBodyGuard({ maxDepth: options.http?.maxJsonDepth }));
  const audit = createOperatorAudit(options.auditor);
  outer.use(audit.start);
  const router = await createOpenApiRouter({
    middleware: [(_req, _res, next) => next()],
    validatorOptions: options.validateResponses
      ? { validateResponses: true }
      : undefined,
  });
  // Backups: in the OpenAPI document, served by their own router (requests
  // parsed with their zod schemas) ahead of the generated one.
  outer.use(
    createBackupRouter({ fence, backupServices: options.backupServices }),
  );
  outer.use(router);
  outer.use(audit.recordError);
  outer.use(retryAfterHeader);
  outer.use(safeErrors(options.logger));
  const release = (req: express.Request) =>
    fence.release(String(req.params.namespace), String(req.params.name));

  router.get('/health', async (_req, res) => {
    send(res, 200, operatorHealthResponseSchema, await health.check());
  });

  router.post('/namespaces', async (req, res) => {
    const body = parseRequest(ensureNamespaceRequestSchema, req.body);
    const namespace = fence.workspaceNamespace(body.workspaceId);
    send(
      res,
      200,
      ensureNamespaceResponseSchema,
      await namespaces.ensure(namespace, body.workspaceId, body.quota),
    );
  });

  router.get('/namespaces/:namespace', async (req, res) => {
    const namespace = fence.namespace(String(req.params.namespace));
    send(
      res,
      200,
      namespaceQuotaUsageResponseSchema,
      await options.quotas.read(namespace),
    );
  });

  router.get('/namespaces/:namespace/releases/status', async (req, res) => {
    const namespace = fence.namespace(String(req.params.namespace));
    send(
      res,
      200,
      namespaceReleaseStatusesResponseSchema,
      await queries.namespaceStatuses(namespace),
    );
  });

  router.post('/releases', async (req, res) => {
    const body = parseRequest(installReleaseRequestSchema, req.body);
    const ref = fence.release(body.namespace, body.releaseName);
    send(
      res,
      201,
      releaseOperationResponseSchema,
      await releases.install(ref, body),
    );
  });

  router.get('/releases', async (req, res) => {
    const query = parseRequest(releaseListQuerySchema, req.query);
    const namespace =
      query.namespace !== undefined
        ? fence.namespace(query.namespace)
        : undefined;
    send(
      res,
      200,
      releaseListResponseSchema,
      await options.inventory.list(namespace),
    );
  });

  router.get('/releases/:namespace/:name', async (req, res) => {
    send(res, 200, releaseInfoResponseSchema, await queries.get(release(req)));
  });

  router.patch('/releases/:namespace/:name', async (req, res) => {
    const ref = release(req);
    const body = parseRequest(upgradeReleaseRequestSchema, req.body);
    send(
      res,
      200,
      releaseOperationResponseSchema,
      await releases.upgrade(ref, body),
    );
  });

  router.delete('/releases/:namespace/:name', async (req, res) => {
    const ref = release(req);
    const deleteData = req.query.deleteData;
    if (
      deleteData !== undefined &&
      deleteData !== 'true' &&
      deleteData !== 'false'
    ) {
      throw new InputError('deleteData must be "true" or "false"');
    }
    send(
      res,
      200,
      uninstallReleaseResponseSchema,
      await releases.uninstall(ref, deleteData === 'true'),
    );
  });

  router.post('/releases/:namespace/:name/rollback', async (req, res) => {
    const ref = release(req);
    const body = parseRequest(rollbackReleaseRequestSchema, req.body);
    send(
      res,
      200,
      releaseOperationResponseSchema,
      await releases.rollback(ref, body.revision),
    );
  });

  router.get('/releases/:namespace/:name/revisions', async (req, res) => {
    send(
      res,
      200,
      releaseRevisionsResponseSchema,
      await queries.history(release(req)),
    );
  });

  router.get('/releases/:namespace/:name/values', async (req, res) => {
    send(
      res,
      200,
      releaseValuesResponseSchema,
      await queries.values(release(req)),
    );
  });

  router.get('/releases/:namespace/:name/volumes', async (req, res) => {
    send(
      res,
      200,
      releaseVolumesResponseSchema,
      await queries.volumes(release(req)),
    );
  });

  router.get('/releases/:namespace/:name/tls', async (req, res) => {
    send(res, 200, releaseTlsResponseSchema, await queries.tls(release(req)));
  });

  router.get('/releases/:namespace/:name/chart-versions', async (req, res) => {
    send(
      res,
      200,
      chartVersionsResponseSchema,
      await queries.chartVersions(release(req)),
    );
  });

  router.get('/releases/:namespace/:name/status', async (req, res) => {
    send(
      res,
      200,
      releaseStatusResponseSchema,
      await queries.status(release(req)),
    );
  });

  router.get('/releases/:namespace/:name/pods', async (req, res) => {
    send(
      res,
      200,
      releasePodsResponseSchema,
      await options.logs.pods(release(req)),
    );
  });

  // text/plain, written as the API server sends it; no-transform keeps
  // compression (which buffers) away, and the stream stops with the client.
  router.get('/releases/:namespace/:name/logs', async (req, res) => {
    const ref = release(req);
    const query = parseRequest(podLogsQuerySchema, req.query);
    res.status(200);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store, no-transform');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Accel-Buffering', 'no');
    const stream = await options.logs.stream(ref, query, res).catch(error => {
      // Nothing was written: the error handler answers in JSON.
      res.removeHeader('Content-Type');
      throw error;
    });
    if (res.destroyed || res.writableEnded) {
      stream.stop();
      return;
    }
    res.on('close', () => stream.stop());
    res.flushHeaders();
  });

  router.post('/releases/:namespace/:name/recover', async (req, res) => {
    send(
      res,
      200,
      recoverReleaseResponseSchema,
      await releases.recover(release(req)),
    );
  });

  router.post('/releases/:namespace/:name/diff', async (req, res) => {
    const ref = release(req);
    const body = parseRequest(diffReleaseRequestSchema, req.body);
    send(res, 200, diffReleaseResponseSchema, await queries.diff(ref, body));
  });

  router.put('/releases/:namespace/:name/ingress', async (req, res) => {
    const ref = release(req);
    const body = parseRequest(ingressSpecSchema, req.body);
    send(res, 200, ingressInfoSchema, await releases.putIngress(ref, body));
  });

  return outer;
}
