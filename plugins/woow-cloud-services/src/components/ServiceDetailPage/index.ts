export { ServiceDetailPage, SERVICE_TABS } from './ServiceDetailPage';
