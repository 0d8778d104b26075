export {
  EntityCloudServiceConfigurationContent,
  EntityCloudServiceMetricsContent,
  EntityCloudServiceOverviewContent,
  EntityCloudServiceRevisionsContent,
} from './EntityCloudServiceContent';
