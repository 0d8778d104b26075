import type {
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  ChartSourceAllowList,
  DEFAULT_ALLOWED_CHART_SOURCES,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { Knex } from 'knex';
import type { CloudServicesSettings } from '../config';
import {
  createMembershipChangeFeed,
  createServiceChangeFeed,
} from '../database/ChangeFeed';
import { DomainVerificationStore } from '../database/DomainVerificationStore';
import { EventStore } from '../database/EventStore';
import { IgnoredReleaseStore } from '../database/IgnoredReleaseStore';
import { RevisionStore } from '../database/RevisionStore';
import { ServiceClaims } from '../database/ServiceClaims';
import { ServiceStore } from '../database/ServiceStore';
import { TemplateStore } from '../database/TemplateStore';
import { WorkspaceStore } from '../database/WorkspaceStore';
import type { OperatorApi } from '../operator/OperatorClient';
import { AccessControl } from './AccessControl';
import { ActionRunner } from './ActionRunner';
import { ReleaseAdoption } from './adoption/ReleaseAdoption';
import { QuotaCheck } from './QuotaCheck';
import { CustomDomains } from './customDomains/CustomDomains';
import { DnsProofChecker } from './customDomains/DnsProofChecker';
import { Marketplace } from './Marketplace';
import { MarketplaceLoader } from './MarketplaceLoader';
import { Reconciler } from './Reconciler';
import type { SecretCipher } from './SecretCipher';
import { ServiceLifecycle } from './ServiceLifecycle';
import { ServiceNotifier } from './ServiceNotifier';
import { ServiceCredentials } from './ServiceCredentials';
import { ServiceSecrets } from './serviceSecrets';
import { ServiceSignals } from './ServiceSignals';
import { ServiceUpdater } from './ServiceUpdater';
import { ServiceViews } from './ServiceViews';
import { WorkspaceService } from './WorkspaceService';

/** The plugin's object graph over one database; tests build it with a fake operator. */
export function createCloudServices(deps: {
  db: Knex;
  operator: OperatorApi;
  permissions: PermissionsService;
  cipher: SecretCipher;
  settings: CloudServicesSettings;
  logger: LoggerService;
  /** Default: the built-in allow list (see chartSourcePolicy.ts). */
  chartSources?: ChartSourceAllowList;
  /** Absent: nobody is notified of how operations end. */
  notifications?: NotificationService;
  /** Absent: open pages are not told of changes (they poll). */
  signals?: SignalsService;
}) {
  const { db, operator, permissions, cipher, settings, logger } = deps;
  const chartSources =
    deps.chartSources ??
    ChartSourceAllowList.fromEntries(DEFAULT_ALLOWED_CHART_SOURCES);
  const changes = {
    services: createServiceChangeFeed(logger),
    memberships: createMembershipChangeFeed(logger),
  };
  const stores = {
    workspaces: new WorkspaceStore(db, changes.memberships),
    templates: new TemplateStore(db),
    services: new ServiceStore(db, changes.services),
    revisions: new RevisionStore(db),
    events: new EventStore(db),
  };
  if (deps.signals) {
    const signals = new ServiceSignals({
      signals: deps.signals,
      workspaces: stores.workspaces,
    });
    changes.services.subscribe(record => signals.serviceChanged(record));
    changes.memberships.subscribe(change => signals.membersChanged(change));
  }
  const access = new AccessControl({
    workspaces: stores.workspaces,
    permissions,
  });
  const secrets = new ServiceSecrets(cipher);
  const notifier =
    deps.notifications &&
    new ServiceNotifier({
      notifications: deps.notifications,
      workspaces: stores.workspaces,
      events: stores.events,
      logger,
    });
  const runner = new ActionRunner({
    ...stores,
    operator,
    secrets,
    settings,
    logger,
    notifier,
  });
  const reconciler = new Reconciler({
    ...stores,
    claims: new ServiceClaims(db),
    operator,
    runner,
    settings,
    logger,
    notifier,
  });
  const quota = new QuotaCheck({ operator, logger });
  const lifecycleDeps = {
    ...stores,
    quota,
    access,
    runner,
    secrets,
    settings,
    logger,
  };
  const lifecycle = new ServiceLifecycle(lifecycleDeps);
  const customDomains = new CustomDomains({
    ...stores,
    verifications: new DomainVerificationStore(db),
    access,
    operator,
    dns: new DnsProofChecker({ servers: settings.customDomains.dnsServers }),
    settings,
    logger,
  });
  return {
    stores,
    /** Seals and opens services' sensitive values (the cipher, per service). */
    secrets,
    /** Change feeds of the stores, for whoever reacts to changes. */
    changes,
    access,
    reconciler,
    lifecycle,
    customDomains,
    updater: new ServiceUpdater({
      ...lifecycleDeps,
      operator,
      lifecycle,
      customDomains,
    }),
    credentials: new ServiceCredentials({ ...stores, access, secrets }),
    views: new ServiceViews({
      ...stores,
      access,
      operator,
      reconciler,
      settings,
    }),
    marketplace: new Marketplace({
      store: stores.templates,
      access,
      chartSources,
    }),
    marketplaceLoader: new MarketplaceLoader({
      store: stores.templates,
      logger,
      chartSources,
    }),
    workspaces: new WorkspaceService({
      store: stores.workspaces,
      access,
      workspacesPerUser: settings.limits.workspacesPerUser,
      quota,
    }),
    adoption: new ReleaseAdoption({
      ...stores,
      ignored: new IgnoredReleaseStore(db),
      access,
      operator,
      secrets,
      settings,
      logger,
    }),
  };
}

export type CloudServices = ReturnType<typeof createCloudServices>;
