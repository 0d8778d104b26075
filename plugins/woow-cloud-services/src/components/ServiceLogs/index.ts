export { ServiceLogs } from './ServiceLogs';
