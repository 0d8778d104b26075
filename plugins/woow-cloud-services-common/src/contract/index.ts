export * from './routes';
export * from './callErrors';
export * from './ApiClient';
export * from './openApiDocument';
export * from './cloudServicesRoutes';
export * from './pluginApiClient';
export * from './helmOperatorRoutes';
