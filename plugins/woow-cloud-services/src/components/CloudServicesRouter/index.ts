export { CloudServicesRouter } from './CloudServicesRouter';
