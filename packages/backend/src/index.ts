/*
 * The Woow Cloud Services portal backend: Backstage's core plugins plus the
 * Cloud Services backend and the helm-operator, all on one port. The
 * app-backend plugin serves the built frontend (packages/app/dist).
 */
import { createBackend } from '@backstage/backend-defaults';
import { checkedRootConfigServiceFactory } from './deploymentConfig';

const backend = createBackend();

// The config, checked before any plugin starts: a missing database,
// backend secret or encryption key stops the start with the key named.
backend.add(checkedRootConfigServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth: guest for local use (development only), GitHub for production
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// permissions: the policy Woow Cloud Services ships (platform admins from
// woowCloudServices.platformAdmins, workspace roles, deny by default for the
// product's permissions). To use your own policy, add your policy module here
// instead (see plugins/permission-backend-module-woow-cloud-services/README.md).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import(
    '@woowtech/backstage-plugin-permission-backend-module-woow-cloud-services'
  ),
);

// search
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
// The events bus (events.useEventBus): on PostgreSQL it keeps events in the
// database, so a signal published on one replica reaches pages connected to
// another (see README "Several replicas").
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Woow Cloud Services: the backend plugin, its catalog entity provider
// (marketplace templates as Scaffolder templates, services as Resources) and
// its scaffolder actions (woow:cloud-service:*), and the helm-operator.
backend.add(import('@woowtech/backstage-plugin-woow-cloud-services-backend'));
backend.add(
  import(
    '@woowtech/backstage-plugin-catalog-backend-module-woow-cloud-services'
  ),
);
backend.add(
  import(
    '@woowtech/backstage-plugin-scaffolder-backend-module-woow-cloud-services'
  ),
);
backend.add(import('@woowtech/backstage-plugin-helm-operator-backend'));

backend.start();
