import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { cloudServicesApiRef, CloudServicesClient } from './api';
import { rootRouteRef } from './routes';
import { scaffolderFormFields } from './scaffolder';

// Wiring only: what each extension renders lives in ./components.

/** `api:woow-cloud-services` */
export const cloudServicesApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: cloudServicesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CloudServicesClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `page:woow-cloud-services`. With a route ref, a title and an icon the app
 * also puts it in the sidebar ("Cloud Services"); frontend-plugin-api 1.0
 * derives nav items from pages instead of a NavItemBlueprint. The pages draw
 * their own headers (service name, status), so the framework's is off.
 */
export const cloudServicesPage = PageBlueprint.make({
  params: {
    path: '/cloud-services',
    routeRef: rootRouteRef,
    title: 'Cloud Services',
    icon: <CloudQueueIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('./components/CloudServicesRouter').then(m => (
        <m.CloudServicesRouter />
      )),
  },
});

/** Entity pages of deployed services (`kind: Resource`, `spec.type: cloud-service`). */
const cloudServiceEntityFilter = {
  kind: 'resource',
  'spec.type': 'cloud-service',
};

const entityContents = () => import('./components/EntityCloudServiceContent');

/** `entity-content:woow-cloud-services/overview` */
export const entityServiceOverviewContent = EntityContentBlueprint.make({
  name: 'overview',
  params: {
    path: '/cloud-service',
    title: 'Service Overview',
    filter: cloudServiceEntityFilter,
    loader: () =>
      entityContents().then(m => <m.EntityCloudServiceOverviewContent />),
  },
});

/** `entity-content:woow-cloud-services/configuration` */
export const entityServiceConfigurationContent = EntityContentBlueprint.make({
  name: 'configuration',
  params: {
    path: '/cloud-service-configuration',
    title: 'Configuration',
    filter: cloudServiceEntityFilter,
    loader: () =>
      entityContents().then(m => <m.EntityCloudServiceConfigurationContent />),
  },
});

/** `entity-content:woow-cloud-services/metrics` */
export const entityServiceMetricsContent = EntityContentBlueprint.make({
  name: 'metrics',
  params: {
    path: '/cloud-service-metrics',
    title: 'Metrics',
    filter: cloudServiceEntityFilter,
    loader: () =>
      entityContents().then(m => <m.EntityCloudServiceMetricsContent />),
  },
});

/** `entity-content:woow-cloud-services/logs` */
export const entityServiceLogsContent = EntityContentBlueprint.make({
  name: 'logs',
  params: {
    path: '/cloud-service-logs',
    title: 'Logs',
    filter: cloudServiceEntityFilter,
    loader: () =>
      entityContents().then(m => <m.EntityCloudServiceLogsContent />),
  },
});

/** `entity-content:woow-cloud-services/revisions` */
export const entityServiceRevisionsContent = EntityContentBlueprint.make({
  name: 'revisions',
  params: {
    path: '/cloud-service-revisions',
    title: 'Revisions',
    filter: cloudServiceEntityFilter,
    loader: () =>
      entityContents().then(m => <m.EntityCloudServiceRevisionsContent />),
  },
});

/** Woow Cloud Services for the new frontend system. */
export const woowCloudServicesPlugin = createFrontendPlugin({
  pluginId: 'woow-cloud-services',
  title: 'Cloud Services',
  icon: <CloudQueueIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
  },
  extensions: [
    cloudServicesApi,
    cloudServicesPage,
    entityServiceOverviewContent,
    entityServiceConfigurationContent,
    entityServiceMetricsContent,
    entityServiceLogsContent,
    entityServiceRevisionsContent,
    // Fields of the Scaffolder templates generated from the marketplace.
    ...scaffolderFormFields,
  ],
});
