import {
  cloudServicesRoutes,
  openApiDocumentOf,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * The OpenAPI document of this plugin's API, generated from the route table
 * in -common; `basePath` (the plugin's mount path) prefixes every path, as
 * Backstage's own /openapi.json routes do.
 */
export function cloudServicesOpenApiDocument(basePath = '') {
  const document = openApiDocumentOf(cloudServicesRoutes, {
    title: 'woow-cloud-services',
    version: '1',
    description:
      "Woow Cloud Services: marketplace, workspaces and deployed services. Generated from cloudServicesRoutes in @woowtech/backstage-plugin-woow-cloud-services-common; paths are relative to the server's root.",
  });
  return {
    ...document,
    paths: Object.fromEntries(
      Object.entries(document.paths).map(([path, ops]) => [
        `${basePath}${path}`,
        ops,
      ]),
    ),
  };
}
