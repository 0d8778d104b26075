import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  helmOperatorRoutes,
  openApiDocumentOf,
  requestBodyGuard,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import express from 'express';
import { NamespaceChanges } from '../cache/NamespaceChanges';
import { Fence } from '../fence';
import { NamespaceManager } from '../kube/NamespaceManager';
import { createOperatorAudit } from './audit';
import { BackupServices } from '../backup/createBackupServices';
import { createBackupRoutes } from './backupRoutes';
import { contractRoutes } from './contractRoutes';
import { QuotaUsageReader } from '../kube/QuotaUsageReader';
import { ReleaseLogs } from '../kube/ReleaseLogs';
import { OperatorHealth } from './OperatorHealth';
import { ReleaseInventory } from './ReleaseInventory';
import { ReleaseQueries } from './ReleaseQueries';
import { ReleaseService } from './ReleaseService';
import { retryAfterHeader } from './retryAfter';
import { safeErrors } from './safeErrors';

/** The operator's OpenAPI document, generated from the route table it serves. */
export function helmOperatorOpenApiDocument() {
  return openApiDocumentOf(helmOperatorRoutes, {
    title: 'helm-operator',
    version: '1',
    description:
      'The helm-operator of Woow Cloud Services: workspace namespaces and helm releases, for the Cloud Services backend only (service principals). Generated from helmOperatorRoutes in @woowtech/backstage-plugin-woow-cloud-services-common; paths are relative to the plugin base URL.',
  });
}

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
  /** The change feed of GET /changes. */
  changes: NamespaceChanges;
  /** Backups and restores; absent (helmOperator.backups unset): their routes answer 501. */
  backupServices?: BackupServices;
  /** Body size limit and JSON depth (helmOperator.http); defaults 1mb and 32. */
  http?: { maxBodySize: number | string; maxJsonDepth: number };
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
  // backend.auth.externalAccess, may call the operator.
  const outer = express.Router();
  outer.use((req, _res, next) => {
    httpAuth.credentials(req, { allow: ['service'] }).then(() => next(), next);
  });
  // Size limit, then depth and prototype keys, before any route parses a body.
  outer.use(express.json({ limit: options.http?.maxBodySize ?? '1mb' }));
  outer.use(requestBodyGuard({ maxDepth: options.http?.maxJsonDepth }));
  const audit = createOperatorAudit(options.auditor);
  outer.use(audit.start);
  const router = express.Router();
  outer.use(router);
  outer.use(audit.recordError);
  outer.use(retryAfterHeader);
  outer.use(safeErrors(options.logger));

  const on = contractRoutes(router);
  const release = (params: { namespace: string; name: string }) =>
    fence.release(params.namespace, params.name);

  router.get('/openapi.json', (_req, res) => {
    res.json(helmOperatorOpenApiDocument());
  });

  on('getHealth', async () => health.check());
  on('ensureNamespace', async ({ body }) =>
    namespaces.ensure(
      fence.workspaceNamespace(body.workspaceId),
      body.workspaceId,
      body.quota,
    ),
  );
  on('getNamespaceQuotaUsage', async ({ params }) =>
    options.quotas.read(fence.namespace(params.namespace)),
  );
  on('listNamespaceReleaseStatuses', async ({ params }) =>
    queries.namespaceStatuses(fence.namespace(params.namespace)),
  );
  // A long poll: held until a namespace changes, waitSeconds pass or the caller goes away.
  on('listNamespaceChanges', async ({ query }, res) => {
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    return options.changes.wait(
      query.since,
      query.waitSeconds * 1000,
      gone.signal,
    );
  });
  on('installRelease', async ({ body }) =>
    releases.install(fence.release(body.namespace, body.releaseName), body),
  );
  on('listReleases', async ({ query }) =>
    options.inventory.list(
      query.namespace !== undefined
        ? fence.namespace(query.namespace)
        : undefined,
    ),
  );
  on('getRelease', async ({ params }) => queries.get(release(params)));
  on('upgradeRelease', async ({ params, body }) =>
    releases.upgrade(release(params), body),
  );
  on('uninstallRelease', async ({ params, query }) =>
    releases.uninstall(release(params), query.deleteData === 'true'),
  );
  on('rollbackRelease', async ({ params, body }) =>
    releases.rollback(release(params), body.revision),
  );
  on('listReleaseRevisions', async ({ params }) =>
    queries.history(release(params)),
  );
  on('getReleaseValues', async ({ params }) => queries.values(release(params)));
  on('getReleaseVolumes', async ({ params }) =>
    queries.volumes(release(params)),
  );
  on('getReleaseTls', async ({ params }) => queries.tls(release(params)));
  on('listChartVersions', async ({ params }) =>
    queries.chartVersions(release(params)),
  );
  on('getReleaseStatus', async ({ params }) => queries.status(release(params)));
  on('listReleasePods', async ({ params }) =>
    options.logs.pods(release(params)),
  );
  // text/plain, written as the API server sends it; no-transform keeps
  // compression (which buffers) away, and the stream stops with the client.
  on('streamReleaseLogs', async ({ params, query }, res) => {
    const ref = release(params);
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
  on('recoverRelease', async ({ params }) => releases.recover(release(params)));
  on('diffRelease', async ({ params, body }) =>
    queries.diff(release(params), body),
  );
  on('putReleaseIngress', async ({ params, body }) =>
    releases.putIngress(release(params), body),
  );
  createBackupRoutes(on, { fence, backupServices: options.backupServices });

  return outer;
}
