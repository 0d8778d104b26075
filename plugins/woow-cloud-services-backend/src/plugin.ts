import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { registerCloudServicesActions } from './actions';
import { createCatalogFeedRouter, StoreCatalogFeedSource } from './catalog';
import { readSettings } from './config';
import { applyDatabaseMigrations } from './database/migrations';
import { readMetricsConfig } from './metrics/metricsConfig';
import { PrometheusMetricsReader } from './metrics/PrometheusMetricsReader';
import {
  OperatorClient,
  readOperatorEndpoint,
} from './operator/OperatorClient';
import { createMembershipFeedRouter } from './permissions/membershipFeedRouter';
import { registerWorkspacePermissions } from './permissions/workspaceResource';
import { readRequestLimits } from './service/httpBoundary';
import { createAdoptionRouter } from './service/adoptionRouter';
import { createBackupsRouter } from './service/backupsRouter';
import { OperatorBackupClient } from './operator/OperatorBackupClient';
import { readBackupSettings } from './services/backups/backupSettings';
import { createBackupServices } from './services/backups/createBackupServices';
import { createLogsRouter } from './service/logsRouter';
import { createCredentialsRouter } from './service/credentialsRouter';
import { createReleaseDetailsRouter } from './service/releaseDetailsRouter';
import { OperatorReleaseDetailsClient } from './operator/OperatorReleaseDetailsClient';
import { ServiceReleaseDetails } from './services/ServiceReleaseDetails';
import { createRouter } from './service/router';
import { AccessControl } from './services/AccessControl';
import { ServiceLogs } from './services/ServiceLogs';
import { OperatorLogsClient } from './operator/OperatorLogsClient';
import { readAllowedChartSources } from './services/chartSourcePolicy';
import { createCloudServices } from './services/createCloudServices';
import { reencryptSecrets } from './services/secretRotation';
import { sealSensitiveValues } from './services/sensitiveValues';
import { SecretCipher } from './services/SecretCipher';
import { DueChecks } from './database/DueChecks';
import { OperatorChangeFollower } from './services/OperatorChangeFollower';
import { ServiceSecrets } from './services/serviceSecrets';

/** Id of the scheduled reconciler task (tests trigger it through a mock scheduler). */
export const RECONCILER_TASK_ID = 'woow-cloud-services-reconciler';
/** Id of the scheduled task that checks pending custom domains in DNS. */
export const CUSTOM_DOMAIN_TASK_ID = 'woow-cloud-services-custom-domains';

/**
 * Woow Cloud Services backend: marketplace, workspaces, deployed services
 * and their lifecycle through the helm-operator plugin.
 *
 * @public
 */
export const woowCloudServicesPlugin = createBackendPlugin({
  pluginId: 'woow-cloud-services',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        notifications: notificationService,
        signals: signalsServiceRef,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, database, scheduler } = deps;
        const settings = readSettings(config);
        const cipher = SecretCipher.fromConfig(config, logger);
        const db = await database.getClient();
        if (!database.migrations?.skip) await applyDatabaseMigrations(db);

        const operator = new OperatorClient({
          discovery: deps.discovery,
          auth: deps.auth,
          endpoint: readOperatorEndpoint(config),
        });
        const services = createCloudServices({
          db,
          operator,
          permissions: deps.permissions,
          cipher,
          settings,
          logger,
          chartSources: readAllowedChartSources(config),
          notifications: deps.notifications,
          signals: deps.signals,
        });
        const backups = createBackupServices({
          db,
          services,
          operator: new OperatorBackupClient(operator),
          backupSettings: readBackupSettings(config),
          logger,
          notifications: deps.notifications,
          signals: deps.signals,
        });
        registerWorkspacePermissions(
          deps.permissionsRegistry,
          services.stores.workspaces,
        );
        await services.marketplaceLoader.load(settings.marketplaceLocations);
        await reencryptSecrets({ ...services.stores, cipher, logger });
        await sealSensitiveValues({
          ...services.stores,
          secrets: services.secrets,
          logger,
        });

        await scheduler.scheduleTask({
          id: RECONCILER_TASK_ID,
          frequency: { seconds: settings.reconciler.frequencySeconds },
          // The task's lock lasts as long as this timeout: a backend killed
          // mid-pass holds it until then, so it is short (a restarted portal
          // reconciles again within a minute). A longer pass stops at the
          // timeout and the rest stays due for the next one.
          timeout: { minutes: 1 },
          // One runner across all replicas; the state it works from is in the database.
          scope: 'global',
          fn: async signal => {
            await services.reconciler.reconcileDue(new Date(), signal);
            await backups.reconciler.reconcile(new Date(), signal);
          },
        });

        // Changes the operator sees make their services' checks due now.
        const follower = new OperatorChangeFollower({
          changes: (query, signal) =>
            operator.http.call('listNamespaceChanges', { query }, { signal }),
          dueChecks: new DueChecks(db),
          reconcileSoon: () =>
            scheduler.triggerTask(RECONCILER_TASK_ID).catch(error => {
              // A pass is running: the next one takes what became due.
              if ((error as Error)?.name !== 'ConflictError') throw error;
            }),
          logger,
        });
        deps.lifecycle.addStartupHook(() => follower.start());
        deps.lifecycle.addShutdownHook(() => follower.stop());

        await scheduler.scheduleTask({
          id: CUSTOM_DOMAIN_TASK_ID,
          frequency: {
            seconds: settings.customDomains.checkFrequencySeconds,
          },
          timeout: { minutes: 5 },
          scope: 'global',
          fn: async () => {
            await services.customDomains.checkDue();
          },
        });

        const metricsConfig = readMetricsConfig(config);
        if (!metricsConfig) {
          logger.info('No Prometheus configured: service metrics answer 503');
        }
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            logger,
            requestLimits: readRequestLimits(config),
            settings,
            metrics:
              metricsConfig && new PrometheusMetricsReader(metricsConfig),
            ...services,
            backups: backups.service,
          }),
        );
        const logs = new ServiceLogs({
          services: services.stores.services,
          access: new AccessControl({
            workspaces: services.stores.workspaces,
            permissions: deps.permissions,
          }),
          operator: new OperatorLogsClient(operator),
          secrets: new ServiceSecrets(cipher),
        });
        // A service's pods and streamed container logs (members and up).
        deps.httpRouter.use(
          createLogsRouter({ httpAuth: deps.httpAuth, logger, logs }),
        );
        // Each domain's certificate and the chart's newer versions (viewers and up).
        deps.httpRouter.use(
          createReleaseDetailsRouter({
            httpAuth: deps.httpAuth,
            logger,
            requestLimits: readRequestLimits(config),
            details: new ServiceReleaseDetails({
              services: services.stores.services,
              access: new AccessControl({
                workspaces: services.stores.workspaces,
                permissions: deps.permissions,
              }),
              operator: new OperatorReleaseDetailsClient(operator),
            }),
          }),
        );
        // The same operations for AI agents (MCP) and other action callers.
        registerCloudServicesActions({
          actionsRegistry: deps.actionsRegistry,
          auditor: deps.auditor,
          logs,
          ...services,
        });
        // A service's credentials, revealed to admins and owners (audited).
        deps.httpRouter.use(
          createCredentialsRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            logger,
            requestLimits: readRequestLimits(config),
            credentials: services.credentials,
          }),
        );
        // What the catalog's entity provider reads (service principals only).
        deps.httpRouter.use(
          createCatalogFeedRouter({
            httpAuth: deps.httpAuth,
            logger,
            source: new StoreCatalogFeedSource({
              baseDomain: settings.baseDomain,
              ...services.stores,
            }),
          }),
        );
        // A service's backups, restores and backup schedule.
        deps.httpRouter.use(
          createBackupsRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            logger,
            requestLimits: readRequestLimits(config),
            backups: backups.service,
          }),
        );
        // Platform administration: releases no service knows about, and adopting them.
        deps.httpRouter.use(
          createAdoptionRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            logger,
            requestLimits: readRequestLimits(config),
            adoption: services.adoption,
          }),
        );
        // What a permission policy asks about a user's workspaces (service principals only).
        deps.httpRouter.use(
          createMembershipFeedRouter({
            httpAuth: deps.httpAuth,
            logger,
            workspaces: services.stores.workspaces,
          }),
        );
      },
    });
  },
});
