export { woowCloudServicesPlugin as default } from './plugin';
