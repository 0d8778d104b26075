export { ServiceBackups } from './ServiceBackups';
