import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { cloudServicesApiRef, CloudServicesClient } from './api';

// For apps still on the old frontend system: the same pages and entity
// tabs, wired with core-plugin-api. The components are shared.

export const legacyRootRouteRef = createRouteRef({ id: 'woow-cloud-services' });

export const woowCloudServicesLegacyPlugin = createPlugin({
  id: 'woow-cloud-services',
  apis: [
    createApiFactory({
      api: cloudServicesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CloudServicesClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: legacyRootRouteRef },
});

/** Mount with `<Route path="/cloud-services" element={<WoowCloudServicesPage />} />`. */
export const WoowCloudServicesPage = woowCloudServicesLegacyPlugin.provide(
  createRoutableExtension({
    name: 'WoowCloudServicesPage',
    component: () =>
      import('./components/CloudServicesRouter').then(
        m => m.CloudServicesRouter,
      ),
    mountPoint: legacyRootRouteRef,
  }),
);

function entityContent(
  name: string,
  pick: (
    m: typeof import('./components/EntityCloudServiceContent'),
  ) => () => JSX.Element,
) {
  return woowCloudServicesLegacyPlugin.provide(
    createComponentExtension({
      name,
      component: {
        lazy: () => import('./components/EntityCloudServiceContent').then(pick),
      },
    }),
  );
}

/** Entity page tabs; show them for entities where `isCloudServiceEntity` holds. */
export const EntityCloudServiceOverviewContent = entityContent(
  'EntityCloudServiceOverviewContent',
  m => m.EntityCloudServiceOverviewContent,
);
export const EntityCloudServiceConfigurationContent = entityContent(
  'EntityCloudServiceConfigurationContent',
  m => m.EntityCloudServiceConfigurationContent,
);
export const EntityCloudServiceMetricsContent = entityContent(
  'EntityCloudServiceMetricsContent',
  m => m.EntityCloudServiceMetricsContent,
);
export const EntityCloudServiceLogsContent = entityContent(
  'EntityCloudServiceLogsContent',
  m => m.EntityCloudServiceLogsContent,
);
export const EntityCloudServiceRevisionsContent = entityContent(
  'EntityCloudServiceRevisionsContent',
  m => m.EntityCloudServiceRevisionsContent,
);
