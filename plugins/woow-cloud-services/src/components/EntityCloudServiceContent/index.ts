export {
  EntityCloudServiceConfigurationContent,
  EntityCloudServiceLogsContent,
  EntityCloudServiceMetricsContent,
  EntityCloudServiceOverviewContent,
  EntityCloudServiceRevisionsContent,
} from './EntityCloudServiceContent';
