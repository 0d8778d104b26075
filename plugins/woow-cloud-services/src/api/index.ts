export * from './CloudServicesApi';
export { CloudServicesClient } from './CloudServicesClient';
export { DEFAULT_REQUEST_TIMEOUT_MS } from './CloudServicesTransport';
export { RequestTimeoutError, UnexpectedResponseError } from './errors';
