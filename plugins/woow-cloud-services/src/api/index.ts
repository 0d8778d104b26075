export * from './CloudServicesApi';
export { CloudServicesClient } from './CloudServicesClient';
export {
  DEFAULT_CALL_TIMEOUT_MS as DEFAULT_REQUEST_TIMEOUT_MS,
  RequestTimeoutError,
  UnexpectedResponseError,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
