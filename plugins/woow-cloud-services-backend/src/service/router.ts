import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  addMemberRequestSchema,
  changeMemberRoleRequestSchema,
  createWorkspaceRequestSchema,
  deactivateTemplateRequestSchema,
  deleteServiceQuerySchema,
  metricsRangeSchema,
  rollbackRequestSchema,
  serviceEventQuerySchema,
  templateListQuerySchema,
  updateServiceRequestSchema,
  upgradePreviewRequestSchema,
  userEntityRefSchema,
  type CloudServicesConfig,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type express from 'express';
import { z } from 'zod';
import type { CloudServicesSettings } from '../config';
import type { PrometheusMetricsReader } from '../metrics/PrometheusMetricsReader';
import { loadOpenApiDocument } from '../schema/openapiDocument';
import type { CustomDomains } from '../services/customDomains/CustomDomains';
import type { Marketplace } from '../services/Marketplace';
import type { ServiceLifecycle } from '../services/ServiceLifecycle';
import type { ServiceUpdater } from '../services/ServiceUpdater';
import type { ServiceViews } from '../services/ServiceViews';
import { requireVersion } from '../services/serviceGuards';
import type { WorkspaceService } from '../services/WorkspaceService';
import {
  bodyParsedByBoundary,
  withHttpBoundary,
  type RequestLimits,
} from './httpBoundary';
import { createAuditedRoute, keysOf } from './audit';
import { parse, versionOf } from './parse';

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
  settings: CloudServicesSettings;
  /** Absent when no Prometheus is configured: metrics answer 503. */
  metrics?: PrometheusMetricsReader;
}

const metricsQuerySchema = z.object({
  range: metricsRangeSchema.default('1h'),
});

const templateVersionSchema = z
  .object({ version: z.number().int().optional() })
  .passthrough();

/**
 * HTTP surface of the plugin, described by src/schema/openapi.yaml. Each
 * route parses its input with the shared zod schemas (so a 400 names every
 * field), calls one service method and sends the result.
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
  } = options;
  // Request validation stays with zod: its errors name the fields the
  // frontend shows inline; the document is served at /openapi.json.
  const router = (await createValidatedOpenApiRouter(loadOpenApiDocument(), {
    validatorOptions: { validateRequests: false },
    middleware: [bodyParsedByBoundary],
  })) as unknown as express.Router;
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const audited = createAuditedRoute(options.auditor);
  const bodyKeys = (req: express.Request) => ({ fields: keysOf(req.body) });

  router.get('/config', async (_req, res) => {
    const body: CloudServicesConfig = {
      baseDomain: settings.baseDomain,
      cnameTarget: `{subdomain}.${settings.baseDomain}`,
      metricsEnabled: Boolean(metrics),
    };
    res.json(body);
  });

  router.get('/subdomains/:subdomain/availability', async (req, res) => {
    await user(req);
    res.json(await views.subdomainAvailability(req.params.subdomain));
  });

  // ---- marketplace
  router.get('/templates', async (req, res) => {
    const query = parse(templateListQuerySchema, req.query);
    res.json({ items: await marketplace.list(await user(req), query) });
  });
  router.get('/templates/:templateId', async (req, res) => {
    await user(req);
    res.json(await marketplace.get(req.params.templateId));
  });
  router.post(
    '/templates',
    audited(
      { eventId: 'template-create', severityLevel: 'medium' },
      async (req, res) => {
        const template = await marketplace.create(await user(req), req.body);
        res.status(201).json(template);
        return { templateId: template.id };
      },
    ),
  );
  router.put(
    '/templates/:templateId',
    audited(
      { eventId: 'template-update', severityLevel: 'medium', meta: bodyKeys },
      async (req, res) => {
        const { version, ...definition } = parse(
          templateVersionSchema,
          req.body,
        );
        const expected = requireVersion(versionOf(req, version));
        res.json(
          await marketplace.update(
            await user(req),
            req.params.templateId,
            definition,
            expected,
          ),
        );
      },
    ),
  );
  router.post(
    '/templates/:templateId/deactivate',
    audited(
      { eventId: 'template-deactivate', severityLevel: 'medium' },
      async (req, res) => {
        const { version } = parse(deactivateTemplateRequestSchema, req.body);
        res.json(
          await marketplace.deactivate(
            await user(req),
            req.params.templateId,
            versionOf(req, version),
          ),
        );
      },
    ),
  );

  // ---- workspaces and members
  router.get('/workspaces', async (req, res) => {
    res.json({ items: await workspaces.listMine(await user(req)) });
  });
  router.post(
    '/workspaces',
    audited(
      { eventId: 'workspace-create', severityLevel: 'medium' },
      async (req, res) => {
        const body = parse(createWorkspaceRequestSchema, req.body);
        const workspace = await workspaces.create(await user(req), body);
        res.status(201).json(workspace);
        return { workspaceId: workspace.id };
      },
    ),
  );
  router.get('/workspaces/:workspaceId', async (req, res) => {
    res.json(await workspaces.get(await user(req), req.params.workspaceId));
  });
  router.get('/workspaces/:workspaceId/members', async (req, res) => {
    res.json({
      items: await workspaces.listMembers(
        await user(req),
        req.params.workspaceId,
      ),
    });
  });
  // Membership is permission: these are high.
  router.post(
    '/workspaces/:workspaceId/members',
    audited(
      {
        eventId: 'workspace-member-add',
        severityLevel: 'high',
        meta: req => ({
          memberRef: String(req.body?.userRef ?? ''),
          role: String(req.body?.role ?? ''),
        }),
      },
      async (req, res) => {
        const body = parse(addMemberRequestSchema, req.body);
        res
          .status(201)
          .json(
            await workspaces.addMember(
              await user(req),
              req.params.workspaceId,
              body,
            ),
          );
      },
    ),
  );
  router.put(
    '/workspaces/:workspaceId/members/:userRef',
    audited(
      {
        eventId: 'workspace-member-role-change',
        severityLevel: 'high',
        meta: req => ({ role: String(req.body?.role ?? '') }),
      },
      async (req, res) => {
        const userRef = parse(userEntityRefSchema, req.params.userRef);
        const { role } = parse(changeMemberRoleRequestSchema, req.body);
        res.json(
          await workspaces.changeRole(
            await user(req),
            req.params.workspaceId,
            userRef,
            role,
          ),
        );
      },
    ),
  );
  router.delete(
    '/workspaces/:workspaceId/members/:userRef',
    audited(
      // Leaving a workspace is this same call on one's own userRef.
      { eventId: 'workspace-member-remove', severityLevel: 'high' },
      async (req, res) => {
        const userRef = parse(userEntityRefSchema, req.params.userRef);
        await workspaces.removeMember(
          await user(req),
          req.params.workspaceId,
          userRef,
        );
        res.status(204).end();
      },
    ),
  );

  // ---- services
  const svc = '/workspaces/:workspaceId/services/:serviceId';
  router.get('/workspaces/:workspaceId/services', async (req, res) => {
    res.json({
      items: await views.list(await user(req), req.params.workspaceId),
    });
  });
  router.post(
    '/workspaces/:workspaceId/services',
    audited(
      {
        eventId: 'service-create',
        severityLevel: 'medium',
        // Value keys only: values may be passwords.
        meta: req => ({
          templateId: String(req.body?.templateId ?? ''),
          valueKeys: keysOf(req.body?.helmValues),
        }),
      },
      async (req, res) => {
        const service = await lifecycle.create(
          await user(req),
          req.params.workspaceId,
          req.body,
        );
        res.status(201).json(service);
        return {
          serviceId: service.id,
          release: service.helmReleaseName,
          state: service.state,
        };
      },
    ),
  );
  router.get(svc, async (req, res) => {
    const service = await views.get(
      await user(req),
      req.params.workspaceId,
      req.params.serviceId,
    );
    res.setHeader('ETag', `"${service.version}"`);
    res.json(service);
  });
  // One route renames, moves the domain and upgrades: `fields` tells which.
  router.patch(
    svc,
    audited(
      {
        eventId: 'service-update',
        severityLevel: 'medium',
        meta: req => ({
          ...bodyKeys(req),
          valueKeys: keysOf(req.body?.helmValues),
        }),
      },
      async (req, res) => {
        const body = parse(updateServiceRequestSchema, req.body);
        const version = versionOf(req, body.version);
        const { workspaceId, serviceId } = req.params;
        const service = await updater.update(
          await user(req),
          workspaceId,
          serviceId,
          { ...body, version },
        );
        res.json(service);
        return { release: service.helmReleaseName, state: service.state };
      },
    ),
  );
  router.delete(
    svc,
    audited(
      {
        eventId: 'service-delete',
        severityLevel: 'high',
        meta: req => ({ deleteData: req.query.deleteData === 'true' }),
      },
      async (req, res) => {
        const query = parse(deleteServiceQuerySchema, req.query);
        const version = versionOf(req, query.version);
        const { workspaceId, serviceId } = req.params;
        const service = await lifecycle.delete(
          await user(req),
          workspaceId,
          serviceId,
          { ...query, version },
        );
        res.status(202).json(service);
        return { release: service.helmReleaseName, state: service.state };
      },
    ),
  );
  router.post(
    `${svc}/rollback`,
    audited(
      {
        eventId: 'service-rollback',
        severityLevel: 'medium',
        meta: req => ({ toRevision: Number(req.body?.revision) || null }),
      },
      async (req, res) => {
        const body = parse(rollbackRequestSchema, req.body);
        const version = versionOf(req, body.version);
        const { workspaceId, serviceId } = req.params;
        const service = await lifecycle.rollback(
          await user(req),
          workspaceId,
          serviceId,
          { ...body, version },
        );
        res.json(service);
        return { release: service.helmReleaseName, state: service.state };
      },
    ),
  );
  router.get(`${svc}/revisions`, async (req, res) => {
    res.json(
      await views.revisions(
        await user(req),
        req.params.workspaceId,
        req.params.serviceId,
      ),
    );
  });
  router.get(`${svc}/logs`, async (req, res) => {
    const query = parse(serviceEventQuerySchema, req.query);
    const { workspaceId, serviceId } = req.params;
    res.json({
      items: await views.logs(await user(req), workspaceId, serviceId, query),
    });
  });
  router.post(
    `${svc}/preview`,
    audited(
      { eventId: 'service-upgrade-preview', severityLevel: 'low' },
      async (req, res) => {
        const body = parse(upgradePreviewRequestSchema, req.body);
        res.json(
          await updater.preview(
            await user(req),
            req.params.workspaceId,
            req.params.serviceId,
            body,
          ),
        );
      },
    ),
  );
  router.get(`${svc}/volumes`, async (req, res) => {
    res.json(
      await views.volumes(
        await user(req),
        req.params.workspaceId,
        req.params.serviceId,
      ),
    );
  });
  router.get(`${svc}/status`, async (req, res) => {
    res.json(
      await views.status(
        await user(req),
        req.params.workspaceId,
        req.params.serviceId,
      ),
    );
  });
  router.post(
    `${svc}/refresh`,
    audited(
      { eventId: 'service-refresh', severityLevel: 'low' },
      async (req, res) => {
        res.json(
          await views.refresh(
            await user(req),
            req.params.workspaceId,
            req.params.serviceId,
          ),
        );
      },
    ),
  );
  router.post(
    `${svc}/custom-domain/check`,
    audited(
      { eventId: 'service-custom-domain-check', severityLevel: 'low' },
      async (req, res) => {
        res.json(
          await customDomains.checkNow(
            await user(req),
            req.params.workspaceId,
            req.params.serviceId,
          ),
        );
      },
    ),
  );
  router.get(`${svc}/metrics`, async (req, res) => {
    const { range } = parse(metricsQuerySchema, req.query);
    const service = await views.get(
      await user(req),
      req.params.workspaceId,
      req.params.serviceId,
    );
    if (!metrics) {
      throw new ServiceUnavailableError(
        'Metrics are not set up: configure woowCloudServices.metrics.prometheusUrl',
      );
    }
    res.json(
      await metrics.read(
        {
          namespace: service.helmNamespace,
          releaseName: service.helmReleaseName,
        },
        range,
        { vcpu: service.allocatedVcpu, ramGb: service.allocatedRamGb },
      ),
    );
  });

  return withHttpBoundary(router, options);
}
