export { ServiceActivity } from './ServiceActivity';
