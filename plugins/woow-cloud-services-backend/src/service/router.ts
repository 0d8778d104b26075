import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  cloudServicesRoutes,
  type CloudServicesConfig,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import type { CloudServicesSettings } from '../config';
import type { PrometheusMetricsReader } from '../metrics/PrometheusMetricsReader';
import { cloudServicesOpenApiDocument } from '../schema/openapiDocument';
import type { BackupService } from '../services/backups/BackupService';
import type { CustomDomains } from '../services/customDomains/CustomDomains';
import type { Marketplace } from '../services/Marketplace';
import type { ServiceLifecycle } from '../services/ServiceLifecycle';
import type { ServiceUpdater } from '../services/ServiceUpdater';
import type { ServiceViews } from '../services/ServiceViews';
import { requireVersion } from '../services/serviceGuards';
import type { WorkspaceService } from '../services/WorkspaceService';
import { keysOf, runAudited } from './audit';
import { DELETE_ALL_BACKUPS_AUDIT } from './backupsRouter';
import { createContractRouter } from './contractRouter';
import type { RequestLimits } from './httpBoundary';
import { versionOf } from './parse';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** Every mutating route records an audit event (see README, Audit events). */
  auditor: AuditorService;
  logger: LoggerService;
  /** Body size and JSON depth limits; default: DEFAULT_REQUEST_LIMITS. */
  requestLimits?: RequestLimits;
  marketplace: Marketplace;
  workspaces: WorkspaceService;
  lifecycle: ServiceLifecycle;
  updater: ServiceUpdater;
  views: ServiceViews;
  customDomains: CustomDomains;
  /** Deletes a deleted service's backups when it is not to keep them. */
  backups: Pick<BackupService, 'removeAllOf'>;
  settings: CloudServicesSettings;
  /** Absent when no Prometheus is configured: metrics answer 503. */
  metrics?: PrometheusMetricsReader;
}

/**
 * HTTP surface of the plugin: the routes of `cloudServicesRoutes` (-common),
 * which checks each request and answer (see contractRouter.ts). Each handler
 * calls one service method. The OpenAPI document generated from the same
 * table is served at /openapi.json.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    marketplace,
    workspaces,
    lifecycle,
    updater,
    views,
    settings,
    metrics,
    customDomains,
    backups,
    auditor,
  } = options;
  const { handle, inner, router } = createContractRouter(
    cloudServicesRoutes,
    options,
  );
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const bodyKeys = (req: express.Request) => ({ fields: keysOf(req.body) });
  const releaseOutcome = (service: {
    helmReleaseName: string;
    state: string;
  }) => ({ release: service.helmReleaseName, state: service.state });

  inner.get('/openapi.json', (req, res) => {
    res.json(cloudServicesOpenApiDocument(req.baseUrl));
  });

  handle('getConfig', async () => {
    const body: CloudServicesConfig = {
      baseDomain: settings.baseDomain,
      cnameTarget: `{subdomain}.${settings.baseDomain}`,
      metricsEnabled: Boolean(metrics),
    };
    return body;
  });

  handle('getSubdomainAvailability', async ({ params }, req) => {
    await user(req);
    return views.subdomainAvailability(params.subdomain);
  });

  // ---- marketplace
  handle('listTemplates', async ({ query }, req) => ({
    items: await marketplace.list(await user(req), query),
  }));
  handle('getTemplate', async ({ params }, req) => {
    await user(req);
    return marketplace.get(params.templateId);
  });
  handle(
    'createTemplate',
    async ({ body }, req) => marketplace.create(await user(req), body),
    {
      eventId: 'template-create',
      severityLevel: 'medium',
      outcome: template => ({ templateId: template.id }),
    },
  );
  handle(
    'updateTemplate',
    async ({ params, body }, req) => {
      const { version, ...definition } = body;
      const expected = requireVersion(versionOf(req, version));
      return marketplace.update(
        await user(req),
        params.templateId,
        definition,
        expected,
      );
    },
    { eventId: 'template-update', severityLevel: 'medium', meta: bodyKeys },
  );
  handle(
    'deactivateTemplate',
    async ({ params, body }, req) =>
      marketplace.deactivate(
        await user(req),
        params.templateId,
        versionOf(req, body.version),
      ),
    { eventId: 'template-deactivate', severityLevel: 'medium' },
  );

  // ---- workspaces and members
  handle('listWorkspaces', async (_input, req) => ({
    items: await workspaces.listMine(await user(req)),
  }));
  handle(
    'createWorkspace',
    async ({ body }, req) => workspaces.create(await user(req), body),
    {
      eventId: 'workspace-create',
      severityLevel: 'medium',
      outcome: workspace => ({ workspaceId: workspace.id }),
    },
  );
  handle('getWorkspace', async ({ params }, req) =>
    workspaces.get(await user(req), params.workspaceId),
  );
  handle('listMembers', async ({ params }, req) => ({
    items: await workspaces.listMembers(await user(req), params.workspaceId),
  }));
  // Membership is permission: these are high.
  handle(
    'addMember',
    async ({ params, body }, req) =>
      workspaces.addMember(await user(req), params.workspaceId, body),
    {
      eventId: 'workspace-member-add',
      severityLevel: 'high',
      meta: req => ({
        memberRef: String(req.body?.userRef ?? ''),
        role: String(req.body?.role ?? ''),
      }),
    },
  );
  handle(
    'changeMemberRole',
    async ({ params, body }, req) =>
      workspaces.changeRole(
        await user(req),
        params.workspaceId,
        params.userRef,
        body.role,
      ),
    {
      eventId: 'workspace-member-role-change',
      severityLevel: 'high',
      meta: req => ({ role: String(req.body?.role ?? '') }),
    },
  );
  handle(
    'removeMember',
    async ({ params }, req) =>
      workspaces.removeMember(
        await user(req),
        params.workspaceId,
        params.userRef,
      ),
    // Leaving a workspace is this same call on one's own userRef.
    { eventId: 'workspace-member-remove', severityLevel: 'high' },
  );

  // ---- services
  handle('listServices', async ({ params }, req) => ({
    items: await views.list(await user(req), params.workspaceId),
  }));
  handle(
    'createService',
    async ({ params, body }, req) =>
      lifecycle.create(await user(req), params.workspaceId, body),
    {
      eventId: 'service-create',
      severityLevel: 'medium',
      // Value keys only: values may be passwords.
      meta: req => ({
        templateId: String(req.body?.templateId ?? ''),
        valueKeys: keysOf(req.body?.helmValues),
      }),
      outcome: service => ({
        serviceId: service.id,
        ...releaseOutcome(service),
      }),
    },
  );
  handle('getService', async ({ params }, req, res) => {
    const service = await views.get(
      await user(req),
      params.workspaceId,
      params.serviceId,
    );
    res.setHeader('ETag', `"${service.version}"`);
    return service;
  });
  // One route renames, moves the domain and upgrades: `fields` tells which.
  handle(
    'updateService',
    async ({ params, body }, req) =>
      updater.update(await user(req), params.workspaceId, params.serviceId, {
        ...body,
        version: versionOf(req, body.version),
      }),
    {
      eventId: 'service-update',
      severityLevel: 'medium',
      meta: req => ({
        ...bodyKeys(req),
        valueKeys: keysOf(req.body?.helmValues),
      }),
      outcome: releaseOutcome,
    },
  );
  handle(
    'deleteService',
    async ({ params, query }, req) => {
      const credentials = await user(req);
      const { workspaceId, serviceId } = params;
      const service = await lifecycle.delete(
        credentials,
        workspaceId,
        serviceId,
        {
          deleteData: query.deleteData,
          version: versionOf(req, query.version),
        },
      );
      // Once the uninstall is accepted: the same removal, and the same audit
      // event, as DELETE .../backups.
      if (!query.keepBackups) {
        await runAudited(
          auditor,
          {
            ...DELETE_ALL_BACKUPS_AUDIT,
            request: req,
            meta: { workspaceId, serviceId, via: 'service-delete' },
          },
          () => backups.removeAllOf(credentials, workspaceId, serviceId),
          deleted => ({ deleted }),
        );
      }
      return service;
    },
    {
      eventId: 'service-delete',
      severityLevel: 'high',
      meta: req => ({
        deleteData: req.query.deleteData === 'true',
        keepBackups: req.query.keepBackups !== 'false',
      }),
      outcome: releaseOutcome,
    },
  );
  handle(
    'rollbackService',
    async ({ params, body }, req) =>
      lifecycle.rollback(
        await user(req),
        params.workspaceId,
        params.serviceId,
        { ...body, version: versionOf(req, body.version) },
      ),
    {
      eventId: 'service-rollback',
      severityLevel: 'medium',
      meta: req => ({ toRevision: Number(req.body?.revision) || null }),
      outcome: releaseOutcome,
    },
  );
  handle('listServiceRevisions', async ({ params }, req) =>
    views.revisions(await user(req), params.workspaceId, params.serviceId),
  );
  handle('listServiceActivity', async ({ params, query }, req) => ({
    items: await views.logs(
      await user(req),
      params.workspaceId,
      params.serviceId,
      query,
    ),
  }));
  handle(
    'previewServiceUpgrade',
    async ({ params, body }, req) =>
      updater.preview(
        await user(req),
        params.workspaceId,
        params.serviceId,
        body,
      ),
    { eventId: 'service-upgrade-preview', severityLevel: 'low' },
  );
  handle('getServiceVolumes', async ({ params }, req) =>
    views.volumes(await user(req), params.workspaceId, params.serviceId),
  );
  handle('getServiceStatus', async ({ params }, req) =>
    views.status(await user(req), params.workspaceId, params.serviceId),
  );
  handle(
    'refreshService',
    async ({ params }, req) =>
      views.refresh(await user(req), params.workspaceId, params.serviceId),
    { eventId: 'service-refresh', severityLevel: 'low' },
  );
  handle(
    'checkCustomDomain',
    async ({ params }, req) =>
      customDomains.checkNow(
        await user(req),
        params.workspaceId,
        params.serviceId,
      ),
    { eventId: 'service-custom-domain-check', severityLevel: 'low' },
  );
  handle('getServiceMetrics', async ({ params, query }, req) => {
    const service = await views.get(
      await user(req),
      params.workspaceId,
      params.serviceId,
    );
    if (!metrics) {
      throw new ServiceUnavailableError(
        'Metrics are not set up: configure woowCloudServices.metrics.prometheusUrl',
      );
    }
    return metrics.read(
      {
        namespace: service.helmNamespace,
        releaseName: service.helmReleaseName,
      },
      query.range,
      { vcpu: service.allocatedVcpu, ramGb: service.allocatedRamGb },
    );
  });

  return router;
}
